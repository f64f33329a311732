import { onNode, serverNodes } from "@/lib/admin/nodes";
import {
  dbOf,
  keysInDb,
  parseInfo,
  type RedisFigures,
  redisFigures,
  sumFigures,
} from "@/lib/admin/redis-info";
import type { RedisClient } from "@/lib/redis/client";

// INFO from every server behind the client: one row per node for the admin page's node table,
// and the figures summed over the masters. A node that does not answer gets a row that says so,
// and the sums leave it out; only when no master answers is there nothing to show.
export type NodeRow = {
  address: string;
  /** As the node says in INFO, or as the slot map has it when it did not answer. */
  role: "master" | "replica";
  replicaOf?: string;
  answered: boolean;
  usedMemory: number | null;
  opsPerSecond: number | null;
  /** Keys in the app's DB on this node (a replica's are copies of its master's). */
  keys: number | null;
};

export type ServerFigures = {
  /** Summed over the masters that answered. */
  redis: RedisFigures;
  nodes: NodeRow[];
};

/** Every node's INFO (with `replicas`, theirs too, for the table), summed over the masters. */
export async function readServerFigures(
  client: RedisClient,
  { replicas = true } = {},
): Promise<ServerFigures> {
  const db = dbOf(client);
  const nodes = await serverNodes(client, { replicas });
  const answers = await Promise.allSettled(nodes.map((node) => onNode(() => node.client.info())));
  const masters: RedisFigures[] = [];
  const rows = nodes.map((node, i): NodeRow => {
    const answer = answers[i];
    const base = { address: node.address, role: node.role, replicaOf: node.replicaOf };
    if (answer.status === "rejected")
      return { ...base, answered: false, usedMemory: null, opsPerSecond: null, keys: null };
    const info = parseInfo(answer.value);
    const figures = redisFigures(info);
    if (node.role === "master") masters.push(figures);
    return {
      ...base,
      role: info.get("role") === "slave" ? "replica" : "master",
      answered: true,
      usedMemory: figures.usedMemory,
      opsPerSecond: figures.opsPerSecond,
      keys: keysInDb(figures, db),
    };
  });
  if (masters.length === 0) {
    const failed = answers.find((answer) => answer.status === "rejected");
    throw failed?.reason ?? new Error("No Redis master is known to the client");
  }
  return { redis: sumFigures(masters), nodes: rows };
}

/** The figures summed over the masters, without the replicas' rows (the sampler's reading). */
export async function readRedisFigures(client: RedisClient): Promise<RedisFigures> {
  return (await readServerFigures(client, { replicas: false })).redis;
}
