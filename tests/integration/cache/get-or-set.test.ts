// getOrSet: stampede protection in one process and across processes, stale-while-revalidate,
// early refresh (XFetch), and what is and is not cached.
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { type Cache, type CacheOptions, createCache } from "@/lib/cache";
import { deferred, sleep } from "../../helpers/async";
import { manualClock } from "../../helpers/clock";
import { recordingLogger } from "../../helpers/logger";
import { deleteNamespace, patient, testNamespace, testRedis } from "../../helpers/redis";

const namespace = testNamespace("getorset");
const logger = recordingLogger();
// Two clients stand for two processes: separate connections and separate Cache instances,
// so in-process single flight cannot help and only the Redis lock can.
const redisA = testRedis();
const redisB = testRedis();
const caches: Cache[] = [];

function cacheOn(redis: typeof redisA, options: Partial<CacheOptions> = {}): Cache {
  const cache = createCache({ ...patient, redis, namespace, logger, ...options });
  caches.push(cache);
  return cache;
}

function slowLoader<T>(value: T, ms = 100) {
  return vi.fn(async () => {
    await sleep(ms);
    return value;
  });
}

afterEach(async () => {
  await Promise.all(caches.splice(0).map((cache) => cache.close()));
  await deleteNamespace(redisA, namespace);
});
afterAll(() => {
  redisA.disconnect();
  redisB.disconnect();
});

describe("stampede protection", () => {
  it("200 concurrent misses in one process make one loader call", async () => {
    const cache = cacheOn(redisA);
    const loader = slowLoader({ id: 1 });
    await redisA.ping(); // connect first, so only the cache's own commands are counted
    const commands = vi.spyOn(redisA, "sendCommand");
    const results = await Promise.all(
      Array.from({ length: 200 }, () => cache.getOrSetWithResult("hot", loader)),
    );
    expect(loader).toHaveBeenCalledTimes(1);
    // Single flight: the callers share one read, lock (SET NX), second look, write and
    // release (EVAL), not 200 of each.
    expect(commands.mock.calls.map(([c]) => (c as { name: string }).name)).toEqual([
      "get",
      "set",
      "get",
      "set",
      "eval",
    ]);
    commands.mockRestore();
    expect(results.every((r) => r.result === "MISS" && r.value.id === 1)).toBe(true);
    expect(await cache.getOrSetWithResult("hot", loader)).toEqual({
      value: { id: 1 },
      result: "HIT",
    });
  });

  it("200 concurrent misses from two processes make one loader call (Redis lock)", async () => {
    const a = cacheOn(redisA);
    const b = cacheOn(redisB);
    const loader = slowLoader("shared");
    const calls = Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).getOrSet("hot", loader));
    expect(new Set(await Promise.all(calls))).toEqual(new Set(["shared"]));
    expect(loader).toHaveBeenCalledTimes(1);
    expect(await redisA.exists(`${namespace}:lock:hot`)).toBe(0);
  });

  it("a waiter runs its own loader when the holder's lock times out", async () => {
    const a = cacheOn(redisA, { lockTimeoutMs: 200 });
    const b = cacheOn(redisB, { lockTimeoutMs: 200 });
    const lockKey = `${namespace}:lock:k`;
    const [holding, release] = [deferred(), deferred()];
    // a's loader runs only once a holds the lock, and goes on until told.
    const first = a.getOrSet("k", async () => {
      holding.resolve();
      await release.promise;
      return "slow";
    });
    await holding.promise;
    // The lock lapsed (a is still loading, so nobody released it): b waited for its timeout.
    const quick = vi.fn(async () =>
      (await redisA.exists(lockKey)) === 0 ? "quick, after the lock lapsed" : "quick, too early",
    );
    expect(await b.getOrSet("k", quick)).toBe("quick, after the lock lapsed");
    expect(quick).toHaveBeenCalledTimes(1);
    release.resolve();
    expect(await first).toBe("slow");
  });

  it("a waiter stops waiting once the holder gives up without a value", async () => {
    // A lock timeout longer than the test's own: only the holder's release can end b's wait.
    const a = cacheOn(redisA, { lockTimeoutMs: 60_000 });
    const b = cacheOn(redisB, { lockTimeoutMs: 60_000 });
    const [holding, fail] = [deferred(), deferred()];
    const failing = vi.fn(async () => {
      holding.resolve();
      await fail.promise;
      throw new Error("database down");
    });
    const first = a.getOrSet("k", failing).catch((error: Error) => error);
    await holding.promise;
    const mine = b.getOrSet("k", () => "mine");
    fail.resolve();
    expect(await mine).toBe("mine");
    expect(await first).toEqual(new Error("database down"));
    expect(await redisA.exists(`${namespace}:lock:k`)).toBe(0);
  });

  it("a loader's error reaches every caller sharing it, and nothing is cached", async () => {
    const cache = cacheOn(redisA);
    const failing = vi.fn(async () => {
      await sleep(20);
      throw new Error("boom");
    });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => cache.getOrSet("k", failing)),
    );
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(await cache.has("k")).toBe(false);
    expect(await cache.getOrSet("k", () => "recovered")).toBe("recovered");
  });

  it("shouldCache: false hands the value over without storing it", async () => {
    const cache = cacheOn(redisA);
    expect(await cache.getOrSet("empty", () => [], { shouldCache: (v) => v.length > 0 })).toEqual(
      [],
    );
    expect(await cache.has("empty")).toBe(false);
  });
});

describe("stale-while-revalidate", () => {
  it("serves STALE in the window while exactly one refresh runs, across processes", async () => {
    const clock = manualClock();
    const a = cacheOn(redisA, { now: clock.now });
    const b = cacheOn(redisB, { now: clock.now });
    const options = { timeout: 10, stale: 60 };
    expect(await a.getOrSet("feed", () => "v1", options)).toBe("v1");
    const ttl = await redisA.pttl(`${namespace}:feed`);
    expect(ttl).toBeGreaterThan(60_000); // fresh time plus the stale window
    expect(ttl).toBeLessThanOrEqual(70_000);
    clock.advance(10_000); // no longer fresh; Redis keeps it for the stale window

    const refresh = slowLoader("v2", 100);
    const during = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? a : b).getOrSetWithResult("feed", refresh, options),
      ),
    );
    expect(during.every((r) => r.result === "STALE" && r.value === "v1")).toBe(true);
    await vi.waitFor(
      async () =>
        expect(await a.getOrSetWithResult("feed", refresh, options)).toEqual({
          value: "v2",
          result: "HIT",
        }),
      { timeout: 10_000, interval: 20 },
    );
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("without a stale window an entry lives in Redis for its fresh time only, then is a plain miss", async () => {
    const cache = cacheOn(redisA);
    await cache.getOrSet("k", () => "v1", { timeout: 0.1 });
    expect(await redisA.pttl(`${namespace}:k`)).toBeLessThanOrEqual(100);
    await expect.poll(() => redisA.exists(`${namespace}:k`)).toBe(0); // Redis expired it
    expect(await cache.getOrSetWithResult("k", () => "v2", { timeout: 0.1 })).toEqual({
      value: "v2",
      result: "MISS",
    });
  });

  it("a failed background refresh is logged, and the stale value keeps being served", async () => {
    const clock = manualClock();
    const cache = cacheOn(redisA, { now: clock.now });
    await cache.getOrSet("k", () => "v1", { timeout: 10, stale: 60 });
    clock.advance(10_000);
    const failing = vi.fn(async () => {
      throw new Error("db timeout");
    });
    expect(await cache.getOrSetWithResult("k", failing, { timeout: 0.1, stale: 10 })).toEqual({
      value: "v1",
      result: "STALE",
    });
    await vi.waitFor(
      () => expect(logger.messages.some((m) => m.includes("refresh of k failed"))).toBe(true),
      { timeout: 10_000, interval: 20 },
    );
    expect(await redisA.exists(`${namespace}:lock:k`)).toBe(0);
    expect(await cache.get("k")).toBe("v1");
  });
});

describe("early refresh (XFetch)", () => {
  // A reader looks ahead by loader time x beta x -ln(random). With a loader of >= 5 ms, beta 100
  // and the smallest random number (-ln = 744) that is over 6 minutes, beyond a 60 s entry;
  // with a random of 1 it is 0.
  const early = { timeout: 60, earlyRefresh: { beta: 100 } };

  it("refreshes a fresh key in the background before it expires; readers keep hitting", async () => {
    const eager = cacheOn(redisA, { random: () => Number.MIN_VALUE });
    await eager.getOrSet("hot", slowLoader("v1", 5), early);
    const second = slowLoader("v2", 5);
    expect(await eager.getOrSetWithResult("hot", second, early)).toEqual({
      value: "v1",
      result: "HIT",
    });
    await vi.waitFor(async () => expect(await eager.get("hot")).toBe("v2"), {
      timeout: 10_000,
      interval: 20,
    });
    expect(second).toHaveBeenCalledTimes(1);
  });

  it("does not refresh when the draw says the expiry is far off", async () => {
    const calm = cacheOn(redisA, { random: () => 1 });
    await calm.getOrSet("hot", slowLoader("v1", 5), early);
    const second = slowLoader("v2", 5);
    for (let i = 0; i < 20; i++) await calm.getOrSet("hot", second, early);
    await calm.close();
    expect(second).not.toHaveBeenCalled();
  });

  it("is off unless asked for", async () => {
    const eager = cacheOn(redisA, { random: () => Number.MIN_VALUE });
    await eager.getOrSet("hot", slowLoader("v1", 5), { timeout: 60 });
    const second = slowLoader("v2", 5);
    await eager.getOrSet("hot", second, { timeout: 60 });
    await eager.close();
    expect(second).not.toHaveBeenCalled();
  });
});
