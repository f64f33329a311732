// Shared statistics (every process adds to one figure, a hit costs no extra round trip) and
// the per-request trace.
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createCache, currentTrace, runWithTrace, serverTiming } from "@/lib/cache";
import { manualClock } from "../../helpers/clock";
import { recordingLogger } from "../../helpers/logger";
import { deleteNamespace, patient, testNamespace, testRedis } from "../../helpers/redis";

const namespace = testNamespace("stats");
const logger = recordingLogger();
const redisA = testRedis();
const redisB = testRedis();

afterEach(() => deleteNamespace(redisA, namespace));
afterAll(() => {
  redisA.disconnect();
  redisB.disconnect();
});

describe("shared statistics", () => {
  it("adds up hits, misses, stale hits and loader calls from two processes", async () => {
    const clock = manualClock();
    const a = createCache({ ...patient, redis: redisA, namespace, logger, now: clock.now });
    const b = createCache({ ...patient, redis: redisB, namespace, logger, now: clock.now });
    await a.getOrSet("k", () => 1); // miss + loader call
    await a.getOrSet("k", () => 1); // hit
    await b.get("k"); // hit
    await b.get("absent"); // miss
    await b.getOrSet("old", () => 1, { timeout: 10, stale: 60 }); // miss + loader call
    clock.advance(10_000);
    await a.getOrSet("old", () => 2, { timeout: 10, stale: 60 }); // stale (+ background loader call)
    await a.close(); // waits for the refresh and flushes
    await b.flushStats();
    expect(await b.stats()).toEqual({
      hits: 2,
      misses: 3,
      stale: 1,
      loaderCalls: 3,
      errors: 0,
      hitRate: 3 / 6,
    });
    expect(await redisA.pttl(`${namespace}:stats`)).toBeGreaterThan(0);
    await b.close();
  });

  it("a hit is one Redis command; counts reach Redis on the flush interval", async () => {
    const cache = createCache({ ...patient, redis: redisA, namespace, logger, statsFlushMs: 100 });
    await cache.set("k", "v");
    const commands = vi.spyOn(redisA, "sendCommand");
    for (let i = 0; i < 10; i++) await cache.get("k");
    for (let i = 0; i < 10; i++) await cache.getOrSet("k", () => "x");
    expect(commands.mock.calls.map(([c]) => (c as { name: string }).name)).toEqual(
      Array(20).fill("get"),
    );
    commands.mockRestore();
    await vi.waitFor(
      async () => expect(await redisA.hget(`${namespace}:stats`, "hits")).toBe("20"),
      { timeout: 10_000, interval: 20 },
    );
    await cache.close();
  });

  it("reports a hit rate of 0 before any lookup", async () => {
    const cache = createCache({ ...patient, redis: redisA, namespace, logger });
    expect(await cache.stats()).toEqual({
      hits: 0,
      misses: 0,
      stale: 0,
      loaderCalls: 0,
      errors: 0,
      hitRate: 0,
    });
    await cache.close();
  });
});

describe("trace", () => {
  it("records each lookup with its namespace, key, result and time", async () => {
    const cache = createCache({ ...patient, redis: redisA, namespace, logger });
    await cache.set("a", 1);
    const getStats = cache.memoize(async (id: number) => id, { name: "stats" });
    const GET = cache.cached(async () => new Response("ok"), { unless: () => true });
    const trace = await runWithTrace(async () => {
      await cache.get("a");
      await cache.getOrSet("b", () => 2);
      await cache.getMany(["a", "c"]);
      await getStats(1);
      await GET(new Request("http://x.test/page"), {});
      return currentTrace();
    });
    expect(trace?.map(({ key, result }) => `${result} ${key}`)).toEqual([
      "HIT a",
      "MISS b",
      "HIT a",
      "MISS c",
      expect.stringMatching(/^MISS memo:\{stats\}:v[^:]+:/),
      "BYPASS view:/page",
    ]);
    expect(trace?.every((e) => e.namespace === namespace && e.ms >= 0)).toBe(true);
    const header = serverTiming(trace!);
    expect(header.split(", ")).toHaveLength(6);
    expect(header).toMatch(/^cache;desc="HIT test:cache:stats:\w+ a";dur=[\d.]+, /);
    await cache.close();
  });

  it("keeps requests apart and records nothing outside a trace", async () => {
    const cache = createCache({ ...patient, redis: redisA, namespace, logger });
    const [one, two] = await Promise.all([
      runWithTrace(async () => {
        await cache.get("one");
        return currentTrace();
      }),
      runWithTrace(async () => {
        await cache.get("two");
        await cache.get("three");
        return currentTrace();
      }),
    ]);
    expect(one?.map((e) => e.key)).toEqual(["one"]);
    expect(two?.map((e) => e.key)).toEqual(["two", "three"]);
    const clock = vi.spyOn(performance, "now");
    await cache.get("outside");
    expect(currentTrace()).toBeUndefined();
    // Once, for the command's timeout (lib/redis/deadlines.ts); the trace itself reads no clock.
    expect(clock).toHaveBeenCalledTimes(1);
    clock.mockRestore();
    await cache.close();
  });
});
