import "server-only";
import { namespaceOf } from "@/lib/admin/namespaces";
import type { RedisClient } from "@/lib/redis/client";

// "Where is the memory": a bounded SCAN sample of the app's DB, each key's MEMORY USAGE asked in
// one pipeline, summed by namespace. Never the whole keyspace: a request costs at most
// `maxKeys / count` SCAN calls and `maxKeys` O(1) MEMORY USAGE calls, whatever the DB holds.
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
  const keys: Buffer[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await client.scanBuffer(cursor, "COUNT", count);
    cursor = next.toString();
    keys.push(...batch);
  } while (cursor !== "0" && keys.length < maxKeys);
  const sample = keys.slice(0, maxKeys);
  const complete = cursor === "0" && keys.length <= maxKeys;

  const pipeline = client.pipeline();
  for (const key of sample) pipeline.memory("USAGE", key);
  const [answers, dbKeys] = await Promise.all([
    sample.length ? pipeline.exec() : Promise.resolve([]),
    client.dbsize(),
  ]);

  const groups = new Map<string, { keys: number; bytes: number }>();
  let bytes = 0;
  sample.forEach((key, i) => {
    const used = Number(answers?.[i]?.[1] ?? 0) || 0;
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
