// scanKeys and unlinkByPattern with a prefix full of glob characters: escapeGlob makes SCAN
// MATCH take it literally, so keys that the unescaped pattern would also match are left alone.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { escapeGlob, scanKeys, unlinkByPattern } from "@/lib/redis/scan";

const redis = new Redis(process.env.REDIS_URL!);
afterAll(() => redis.disconnect());

async function collect(pages: AsyncIterable<string[]>): Promise<string[]> {
  const keys = new Set<string>();
  for await (const page of pages) for (const key of page) keys.add(key);
  return [...keys].sort();
}

describe("a prefix with glob characters", () => {
  const run = randomUUID();
  const prefix = `toolkit:${run}:odd*[ns]?\\`;
  // Each decoy matches the prefix read as a glob (* any run, [ns] one of n or s, ? one character,
  // \ escaping the next), but is not the prefix itself.
  const ours = [`${prefix}:a`, `${prefix}:b`];
  const decoys = [`toolkit:${run}:oddXYn!:c`, `toolkit:${run}:odd*[ns]?:d`];

  it("escapes * ? [ ] and \\", () => {
    expect(escapeGlob("odd*[ns]?\\")).toBe("odd\\*\\[ns\\]\\?\\\\");
  });

  it("scanKeys finds exactly the keys under the literal prefix", async () => {
    for (const key of [...ours, ...decoys]) await redis.set(key, "1", "EX", 60);
    expect(await collect(scanKeys(redis, `${escapeGlob(prefix)}:*`, 10))).toEqual(ours.sort());
    // The unescaped pattern would have taken a decoy too: the test can tell the difference.
    const unescaped = await collect(scanKeys(redis, `${prefix}:*`, 10));
    expect(unescaped.some((key) => decoys.includes(key))).toBe(true);
  });

  it("unlinkByPattern removes those keys, except the ones kept, and leaves the decoys", async () => {
    for (const key of [...ours, ...decoys]) await redis.set(key, "1", "EX", 60);
    const removed = await unlinkByPattern(redis, `${escapeGlob(prefix)}:*`, {
      keep: new Set([ours[1]]),
      count: 1,
    });
    expect(removed).toBe(1);
    expect(await redis.exists(ours[0])).toBe(0);
    expect(await redis.exists(ours[1], ...decoys)).toBe(3);
    await redis.del(ours[1], ...decoys);
  });
});
