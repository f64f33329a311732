// Commands over many keys: getMany, setMany, deleteMany and each page of clear(). On one Redis
// server each is one command, as it always was: one MGET, one UNLINK, one pipeline of SETs. On a
// Cluster every key of one command must hash to one slot (else CROSSSLOT), and a pipeline must
// stay on one node, so the keys are grouped by slot: one MGET or UNLINK per slot, all sent at
// once. ioredis routes each to the master of its slot and, with auto-pipelining (the app's clients
// have it), writes those bound for one node at once; SETs, one key each, go one by one, batched
// per node the same way.
// Slots are reckoned with ioredis' own function, the one it routes by, so no group mixes slots
// that Redis tells apart: by ioredis' own note, its copy of cluster-key-slot is patched to hash an
// empty hash tag "{}" as Redis does (tests/integration/cache/cluster-slots.test.ts has such keys).
// The path has its extension: dist/server.mjs imports it as ESM, which adds none.
import calculateSlot from "ioredis/built/utils/calculateSlot.js";
import type { RedisClient } from "../redis/client";

/** The positions of `keys`, grouped by hash slot (in order of first appearance). */
function bySlot(keys: readonly string[]): number[][] {
  const groups = new Map<number, number[]>();
  for (const [i, key] of keys.entries()) {
    const slot = calculateSlot(key);
    const group = groups.get(slot);
    if (group) group.push(i);
    else groups.set(slot, [i]);
  }
  return [...groups.values()];
}

/** Every key's value (null: absent), in the order of `keys`. */
export async function mgetAll(redis: RedisClient, keys: string[]): Promise<(string | null)[]> {
  if (!redis.isCluster) return redis.mget(keys);
  const values = new Array<string | null>(keys.length);
  await Promise.all(
    bySlot(keys).map(async (group) => {
      const answer = await redis.mget(group.map((i) => keys[i]));
      for (const [j, i] of group.entries()) values[i] = answer[j];
    }),
  );
  return values;
}

/** How many of the keys existed; UNLINK frees their memory in the background. */
export async function unlinkAll(redis: RedisClient, keys: string[]): Promise<number> {
  if (!redis.isCluster) return redis.unlink(...keys);
  const counts = await Promise.all(
    bySlot(keys).map((group) => redis.unlink(...group.map((i) => keys[i]))),
  );
  return counts.reduce((total, n) => total + n, 0);
}

/** SET key text PX ttlMs for every pair; true when Redis took every one. */
export async function setAll(
  redis: RedisClient,
  pairs: readonly (readonly [key: string, text: string])[],
  ttlMs: number,
): Promise<boolean> {
  if (redis.isCluster) {
    await Promise.all(pairs.map(([key, text]) => redis.set(key, text, "PX", ttlMs)));
    return true;
  }
  const pipeline = redis.pipeline();
  for (const [key, text] of pairs) pipeline.set(key, text, "PX", ttlMs);
  const replies = await pipeline.exec();
  return replies?.every(([error]) => !error) ?? false;
}
