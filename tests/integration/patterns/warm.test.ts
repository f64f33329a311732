import Redis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { caches } from "@/lib/caches";
import { feedPageKey, getFeedPage, POPULAR_KEY } from "@/lib/posts/queries";
import { traced } from "@/lib/request-trace";
import { warmCache } from "@/lib/warm";

const redis = new Redis(process.env.REDIS_URL!);
afterAll(() => redis.disconnect());

describe("cache warming", () => {
  it("fills the feed and popular posts so the first reader gets a HIT", async () => {
    await caches().feed.deleteMany([feedPageKey(1), feedPageKey(2)]);
    await caches().popular.delete(POPULAR_KEY);
    const result = await warmCache();
    expect(result.warmed).toBe(true);
    expect(result.entries).toBeGreaterThan(4);
    expect(await caches().popular.has(POPULAR_KEY)).toBe(true);
    const { trace } = await traced(() => getFeedPage(2));
    expect(trace.cache.map((e) => e.result)).toEqual(["HIT"]);
  });

  it("runs in one process at a time", async () => {
    const results = await Promise.all([warmCache(), warmCache(), warmCache()]);
    expect(results.filter((r) => r.warmed)).toHaveLength(1);
    expect(await redis.exists("lock:warm")).toBe(0);
  });
});
