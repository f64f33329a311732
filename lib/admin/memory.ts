import "server-only";
import { namespaceOf } from "@/lib/admin/namespaces";
import { onNode, type ServerNode, serverNodes } from "@/lib/admin/nodes";
import type { RedisClient } from "@/lib/redis/client";

// "Where is the memory": a bounded SCAN sample of the app's DB, each key's MEMORY USAGE asked,
// summed by namespace. Never the whole keyspace: a request costs at most about `maxKeys / count`
// SCAN calls and `maxKeys` O(1) MEMORY USAGE calls, whatever the DB holds. On a Cluster every
// master is walked, each for its share of the sample: keys are spread over masters by hash slot,
// but a {hash tag} gathers its keys on one, so one master's keys alone could mislead.
type NamespaceMemory = {
  namespace: string;
  keys: number;
  bytes: number;
  /** Keys of this namespace in the whole DB, extrapolated from the sample. */
  estimatedKeys: number;
};

export type MemorySample = {
  /** Keys looked at, and whether that was every key of the DB. */
  sampled: number;
  complete: boolean;
  dbKeys: number;
  bytes: number;
  byNamespace: NamespaceMemory[];
};

export async function sampleMemory(
  client: RedisClient,
  options: { maxKeys?: number; count?: number } = {},
): Promise<MemorySample> {
  const { maxKeys = 2_000, count = 500 } = options;
  const masters = await serverNodes(client);
  const { sample, complete } = await walkSample(masters, maxKeys, count);
  // Each key its own command: on a Cluster the sample lies in many slots (see key-browser.ts).
  const [answers, dbKeys] = await Promise.all([
    Promise.all(sample.map((key) => client.memory("USAGE", key).catch(() => null))),
    countKeys(masters),
  ]);

  const groups = new Map<string, { keys: number; bytes: number }>();
  let bytes = 0;
  sample.forEach((key, i) => {
    const used = Number(answers[i] ?? 0) || 0;
    const namespace = namespaceOf(key.toString("utf8"));
    const group = groups.get(namespace) ?? { keys: 0, bytes: 0 };
    group.keys += 1;
    group.bytes += used;
    bytes += used;
    groups.set(namespace, group);
  });
  const scale = sample.length > 0 ? Math.max(dbKeys, sample.length) / sample.length : 0;
  const byNamespace = [...groups]
    .map(([namespace, group]) => ({
      namespace,
      ...group,
      estimatedKeys: complete ? group.keys : Math.round(group.keys * scale),
    }))
    .sort((a, b) => b.bytes - a.bytes || a.namespace.localeCompare(b.namespace));
  return { sampled: sample.length, complete, dbKeys, bytes, byNamespace };
}

// Keys are read as bytes, so that MEMORY USAGE is asked of a key that is not UTF-8 too. The budget
// a master leaves unused (it holds fewer keys) passes to the masters after it.
async function walkSample(masters: ServerNode[], maxKeys: number, count: number) {
  const sample: Buffer[] = [];
  let complete = true;
  for (const [i, node] of masters.entries()) {
    const share = Math.ceil((maxKeys - sample.length) / (masters.length - i));
    const found: Buffer[] = [];
    let cursor = "0";
    do {
      const [next, batch] = await onNode(() => node.client.scanBuffer(cursor, "COUNT", count));
      cursor = next.toString();
      found.push(...batch);
    } while (cursor !== "0" && found.length < share);
    if (cursor !== "0" || found.length > share) complete = false;
    sample.push(...found.slice(0, share));
  }
  return { sample, complete };
}

// DBSIZE of the app's DB: a Cluster's keys are its masters' (replicas hold copies).
async function countKeys(masters: ServerNode[]): Promise<number> {
  const sizes = await Promise.all(masters.map((node) => onNode(() => node.client.dbsize())));
  return sizes.reduce((sum, size) => sum + size, 0);
}
