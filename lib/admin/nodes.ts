import { Cluster, type Redis } from "ioredis";
import { type RedisClient, whenReady } from "@/lib/redis/client";
import { Deadlines } from "@/lib/redis/deadlines";

// The servers behind a client, for the figures that INFO, SCAN and DBSIZE give per server: the
// client itself for one Redis; each node of a Cluster, as ioredis knows them from CLUSTER SLOTS.
export type ServerNode = {
  client: Redis;
  address: string;
  role: "master" | "replica";
  /** A replica's master, as the slot map pairs them. */
  replicaOf?: string;
};

// Commands sent to a Cluster's node directly go around the Cluster client's instrumentation
// (lib/redis/client.ts wraps the Cluster's sendCommand, not its nodes'), so they get a time limit
// here: a node that stopped answering must not hold the admin page open.
const NODE_DEADLINE_MS = 2_000;
const nodeDeadlines = new Deadlines(NODE_DEADLINE_MS);

/** A command sent to one node, or a RedisTimeoutError once NODE_DEADLINE_MS have passed. */
export const onNode = <T>(command: () => Promise<T>): Promise<T> => nodeDeadlines.within(command);

function addressOf(node: Redis): string {
  const { host, port, path } = node.options;
  return path || `${host}:${port}`;
}

// By host, then port as a number: a stable order, so that the key browser's cursor, which names
// a master by its index, names the same master on the next request while the Cluster's shape holds.
const byAddress = (a: ServerNode, b: ServerNode) => {
  const [hostA, portA] = splitAddress(a.address);
  const [hostB, portB] = splitAddress(b.address);
  return hostA.localeCompare(hostB) || portA - portB;
};
const splitAddress = (address: string): [string, number] => {
  const colon = address.lastIndexOf(":");
  return colon < 0 ? [address, 0] : [address.slice(0, colon), Number(address.slice(colon + 1))];
};

/**
 * The masters in a stable order, or with `replicas`, each master followed by its replicas. Until a
 * Cluster client is ready, ioredis lists its seed nodes as masters, replicas among them: this
 * waits for the slot map first.
 */
export async function serverNodes(
  client: RedisClient,
  { replicas = false } = {},
): Promise<ServerNode[]> {
  if (!(client instanceof Cluster)) return [{ client, address: addressOf(client), role: "master" }];
  await whenReady(client, NODE_DEADLINE_MS);
  const masters = client
    .nodes("master")
    .map((node): ServerNode => ({ client: node, address: addressOf(node), role: "master" }))
    .sort(byAddress);
  if (!replicas) return masters;
  const masterOf = replicaMasters(client);
  const others = client
    .nodes("slave")
    .map((node): ServerNode => {
      const address = addressOf(node);
      return { client: node, address, role: "replica", replicaOf: masterOf.get(address) };
    })
    .sort(byAddress);
  const known = new Set(masters.map((master) => master.address));
  const paired = masters.flatMap((master) => [
    master,
    ...others.filter((replica) => replica.replicaOf === master.address),
  ]);
  // A replica whose master the slot map does not name (during a failover) still gets its row.
  return [...paired, ...others.filter((replica) => !known.has(replica.replicaOf ?? ""))];
}

// The slot map lists, for each slot, its master's address and then its replicas'.
function replicaMasters(cluster: Cluster): Map<string, string> {
  const masterOf = new Map<string, string>();
  for (const keys of cluster.slots) {
    if (!keys) continue; // a slot no master serves
    const [master, ...replicas] = keys;
    for (const replica of replicas) masterOf.set(replica, master);
  }
  return masterOf;
}
