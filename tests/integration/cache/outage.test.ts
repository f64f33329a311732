// Fail-open against a private redis-server that the tests stop, pause and restart (the shared
// test Redis is never touched): every call answers without Redis, with loaders running, the
// circuit breaker stops sending commands, and caching resumes by itself. Nothing is timed: a
// call that waited for Redis would not answer while Redis is down, and the test would time out.
import { once } from "node:events";
import { Redis, type RedisOptions } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createCache } from "@/lib/cache";
import { sleep } from "../../helpers/async";
import { recordingLogger } from "../../helpers/logger";
import { PrivateRedis } from "../../helpers/private-redis";
import { patient } from "../../helpers/redis";

// Redis answers a healthy command far within the 100 ms production timeout, but a busy test
// machine may stall one now and then: a check that needs a healthy answer asks until it gets one.
const settled = { timeout: 10_000, interval: 20 };

const server = new PrivateRedis();
beforeAll(() => server.start());
afterEach(() => server.ensureRunning()); // a test that failed mid-outage must not fail the next
afterAll(() => server.stop());

function client(options: RedisOptions = {}): Redis {
  const redis = new Redis({ port: server.port, host: "127.0.0.1", ...options });
  redis.on("error", () => {});
  return redis;
}

describe.each([
  ["ioredis defaults (offline queue, 20 retries)", {}],
  ["no offline queue, 1 retry", { enableOfflineQueue: false, maxRetriesPerRequest: 1 }],
  [
    "1 retry, auto-pipelining, its own 500 ms command timeout",
    { maxRetriesPerRequest: 1, enableAutoPipelining: true, commandTimeout: 500 },
  ],
])("Redis stopped mid-test, client with %s", (_, options: RedisOptions) => {
  it("answers every call within the timeout, runs loaders, then resumes caching", async () => {
    const redis = client(options);
    const logger = recordingLogger();
    const cache = createCache({ redis, namespace: "outage", logger, breakerCooldownMs: 1000 });
    const getTitle = cache.memoize(async (id: number) => `title ${id}`, { name: "getTitle" });
    const GET = cache.cached(async () => Response.json({ page: 1 }));
    const request = () => new Request("http://blog.test/feed");
    // Without an offline queue, commands fail until the first connection is up.
    if (redis.status !== "ready") await once(redis, "ready");
    await vi.waitFor(async () => expect(await cache.set("k", "v1")).toBe(true), settled);
    await vi.waitFor(
      async () =>
        expect(await cache.getOrSetWithResult("k", () => "v0")).toEqual({
          value: "v1",
          result: "HIT",
        }),
      settled,
    );

    await server.stop();
    const loader = vi.fn(async () => "from the database");
    expect(await cache.getOrSetWithResult("k", loader)).toEqual({
      value: "from the database",
      result: "ERROR",
    });
    expect(await cache.get("k")).toBeUndefined();
    expect(await cache.set("k", 1)).toBe(false);
    expect(await cache.add("new", 1)).toBe(false);
    expect(await cache.has("k")).toBe(false);
    expect(await cache.delete("k")).toBe(false);
    expect(await cache.getMany(["k", "j"])).toEqual([undefined, undefined]);
    expect(await cache.setMany({ k: 1 })).toBe(false);
    expect(await cache.deleteMany(["k"])).toBe(0);
    expect(await cache.clear()).toBe(0);
    expect(await cache.stats()).toBeNull();
    expect(await getTitle(3)).toBe("title 3");
    expect(await cache.deleteMemoized(getTitle)).toBe(false);
    const response = await GET(request(), {});
    expect(response.headers.get("X-Cache")).toBe("MISS");
    expect(await response.json()).toEqual({ page: 1 });

    // Still one loader per key in this process, which keeps the database from a stampede.
    const burst = vi.fn(async () => {
      await sleep(20);
      return "loaded";
    });
    const all = await Promise.all(Array.from({ length: 200 }, () => cache.getOrSet("hot", burst)));
    expect(new Set(all)).toEqual(new Set(["loaded"]));
    expect(burst).toHaveBeenCalledTimes(1);

    // The circuit is open: Redis is not even asked.
    expect(logger.messages.some((m) => m.includes("circuit open"))).toBe(true);
    const commands = vi.spyOn(redis, "sendCommand");
    for (let i = 0; i < 20; i++) await cache.get("k");
    expect(commands).not.toHaveBeenCalled();
    commands.mockRestore();
    // Dozens of failures, but the log says so once.
    expect(logger.messages.filter((m) => m.includes("Redis command failed"))).toHaveLength(1);

    await server.start();
    await vi.waitFor(async () => expect(await cache.set("probe", 1)).toBe(true), settled);
    expect(logger.messages.some((m) => m.includes("caching resumed"))).toBe(true);
    // A new key: with an offline queue, writes that timed out during the outage may still land.
    await vi.waitFor(async () => expect(await cache.set("after", "v2")).toBe(true), settled);
    await vi.waitFor(
      async () =>
        expect(await cache.getOrSetWithResult("after", () => "v0")).toEqual({
          value: "v2",
          result: "HIT",
        }),
      settled,
    );
    await cache.flushStats();
    await vi.waitFor(
      async () => expect((await cache.stats())?.errors).toBeGreaterThan(20),
      settled,
    );

    await cache.clear();
    await cache.close();
    redis.disconnect();
  });
});

describe("a Redis that does not answer", () => {
  it("gives up after the command timeout while Redis is paused", async () => {
    const redis = client();
    const admin = client();
    const cache = createCache({
      redis,
      namespace: "paused",
      logger: recordingLogger(),
      commandTimeoutMs: 50,
    });
    await admin.set("paused:k", JSON.stringify({ f: Date.now() + 600_000, d: 1, v: "cached" }));
    // Frozen until told otherwise: the call below can only answer by giving up on Redis.
    server.pause();
    try {
      const value = await cache.getOrSetWithResult("k", async () => "loaded");
      expect(value).toEqual({ value: "loaded", result: "ERROR" });
    } finally {
      server.resume();
    }
    // The entry is untouched, and the command that timed out is answered late, to nobody.
    expect(JSON.parse((await admin.get("paused:k"))!).v).toBe("cached");
    await cache.clear();
    await cache.close();
    redis.disconnect();
    admin.disconnect();
  });

  it("does not open the circuit for error replies, which prove Redis is up", async () => {
    const redis = client();
    const logger = recordingLogger();
    const cache = createCache({
      ...patient,
      redis,
      namespace: "wrongtype",
      logger,
      breakerThreshold: 2,
    });
    await redis.hset("wrongtype:h", "field", "1");
    for (let i = 0; i < 5; i++) expect(await cache.get("h")).toBeUndefined();
    expect(logger.messages.some((m) => m.includes("WRONGTYPE"))).toBe(true);
    expect(logger.messages.some((m) => m.includes("circuit open"))).toBe(false);
    expect(await cache.set("ok", 1)).toBe(true);
    await redis.del("wrongtype:h", "wrongtype:ok");
    await cache.close();
    redis.disconnect();
  });
});

describe("own Redis DB index and a client factory", () => {
  it("a cache with db: N opens its own connection to that DB and closes it", async () => {
    const shared = client();
    const factory = vi.fn(() => shared);
    const api = createCache({ ...patient, redis: factory, namespace: "site", defaultTimeout: 300 });
    const statics = createCache({
      ...patient,
      redis: factory,
      namespace: "site",
      defaultTimeout: 3600,
      db: 1,
    });
    expect(factory).not.toHaveBeenCalled();
    await api.set("page", "api");
    await statics.set("page", "static");
    expect(await api.get("page")).toBe("api");
    expect(await statics.get("page")).toBe("static");

    const db1 = client({ db: 1 });
    expect(await db1.get("site:page")).toContain("static");
    expect(await db1.pttl("site:page")).toBeGreaterThan(3_599_000);
    expect(await shared.get("site:page")).toContain('"api"');
    await statics.clear();
    await statics.close();
    expect(shared.status).toBe("ready"); // the app's client stays open
    await api.clear();
    await api.close();
    shared.disconnect();
    db1.disconnect();
  });
});
