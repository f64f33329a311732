import { afterAll, describe, expect, it } from "vitest";
import { createCache, currentTrace, runWithTrace } from "@/lib/cache";
import { keysOf, testNamespace, testRedis } from "../../helpers/redis";

const redis = testRedis();
const namespace = testNamespace("disabled");
const cache = createCache({ redis, namespace, disabled: true });
afterAll(async () => {
  await cache.close();
  redis.disconnect();
});

describe("a disabled cache (Flask-Caching's NullCache)", () => {
  it("runs every loader, stores nothing, and reports BYPASS", async () => {
    let calls = 0;
    const load = async () => ++calls;
    const memoized = cache.memoize(load, { name: "load" });
    const trace = await runWithTrace(async () => {
      expect(await cache.getOrSet("k", load)).toBe(1);
      expect(await cache.getOrSet("k", load)).toBe(2);
      expect(await memoized()).toBe(3);
      expect(await cache.set("k", "v")).toBe(false);
      expect(await cache.get("k")).toBeUndefined();
      return currentTrace()!;
    });
    expect(trace.map((entry) => entry.result)).toEqual(["BYPASS", "BYPASS", "BYPASS", "BYPASS"]);
    expect(await keysOf(redis, namespace)).toEqual([]);
  });
});
