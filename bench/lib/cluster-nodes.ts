// What a benchmark asks the nodes of a Redis Cluster directly, one node at a time, while its load
// runs in the same process: so never redis-cli through spawnSync (which would stop the load's
// timers for as long as it runs), but a connection of its own per question, given up after a
// second, and never retried: a node that is down is an answer ("down"), not something to wait for.
import { Redis } from "ioredis";

const HOST = "127.0.0.1";
const ANSWER_MS = 1_000;

/** One command on a node of the cluster, on a connection opened for it (not a Cluster client). */
export async function nodeCall(port: number, ...args: (string | number)[]): Promise<unknown> {
  const client = new Redis({
    host: HOST,
    port,
    lazyConnect: true,
    connectTimeout: ANSWER_MS,
    commandTimeout: ANSWER_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    const [name, ...rest] = args;
    return await client.call(String(name), ...rest);
  } finally {
    client.disconnect();
  }
}

export type NodeLine = {
  id: string;
  port: number;
  master: boolean;
  /** Flagged fail (or fail?) by the node asked. */
  failing: boolean;
  /** For a replica, the id of the master it follows. */
  masterId: string | undefined;
  /** Slot ranges served, inclusive. */
  slots: [number, number][];
};

/** The cluster as `port` sees it (CLUSTER NODES), one entry per node. */
export async function clusterNodes(port: number): Promise<NodeLine[]> {
  const text = String(await nodeCall(port, "CLUSTER", "NODES"));
  return text
    .trim()
    .split("\n")
    .map((line) => {
      const [id, address, flags, master, , , , , ...slots] = line.trim().split(" ");
      const flagList = flags.split(",");
      return {
        id,
        port: Number(address.split("@")[0].split(":").at(-1)),
        master: flagList.includes("master"),
        failing: flagList.includes("fail") || flagList.includes("fail?"),
        masterId: master === "-" ? undefined : master,
        // A slot being migrated is written [slot->-id]: not served here yet.
        slots: slots
          .filter((range) => !range.startsWith("["))
          .map((range) => {
            const [from, to = from] = range.split("-").map(Number);
            return [from, to] as [number, number];
          }),
      };
    });
}

/** The master serving each key, as `port` sees the cluster; undefined where no master serves it. */
export async function ownersOf(port: number, keys: string[]): Promise<Map<string, NodeLine>> {
  const nodes = await clusterNodes(port);
  const owners = new Map<string, NodeLine>();
  for (const key of keys) {
    const slot = Number(await nodeCall(port, "CLUSTER", "KEYSLOT", key));
    const owner = nodes.find(
      (node) => node.master && node.slots.some(([from, to]) => slot >= from && slot <= to),
    );
    if (owner) owners.set(key, owner);
  }
  return owners;
}

/** ROLE's first two words: "master", or "slave" and its replication link's state ("connected"). */
export async function roleOf(port: number): Promise<string> {
  try {
    const reply = (await nodeCall(port, "ROLE")) as unknown[];
    return reply[0] === "slave" ? `slave ${reply[3]}` : String(reply[0]);
  } catch {
    return "down";
  }
}

/** True when the node says the cluster is ok (every slot served by a master it can reach). */
export async function sawClusterOk(port: number): Promise<boolean> {
  try {
    return String(await nodeCall(port, "CLUSTER", "INFO")).includes("cluster_state:ok");
  } catch {
    return false;
  }
}

/** INFO stats' total_commands_processed of each node, by port; a node that is down is left out. */
export async function commandsProcessed(ports: number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const port of ports) {
    const info = await nodeCall(port, "INFO", "stats").catch(() => "");
    const match = /total_commands_processed:(\d+)/.exec(String(info));
    if (match) counts.set(port, Number(match[1]));
  }
  return counts;
}
