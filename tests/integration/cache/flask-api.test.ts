// Flask-Caching's calls, one for one, against the real Redis.
import { Cluster } from "ioredis";
import { describe, expect, it } from "vitest";
import { createCache } from "@/lib/cache";
import { cacheForFile } from "../../helpers/cache";
import { deleteNamespace, keysOf, patient, testNamespace, testRedis } from "../../helpers/redis";

const { redis, namespace, logger, cache } = cacheForFile("api");

describe("get / set", () => {
  it("stores under <namespace>:<key> with the default timeout of 300 s", async () => {
    expect(await cache.set("post:42", { title: "Hello" })).toBe(true);
    expect(await cache.get("post:42")).toEqual({ title: "Hello" });
    const ttl = await redis.pttl(`${namespace}:post:42`);
    expect(ttl).toBeGreaterThan(299_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
  });

  it("honours a per-call timeout in seconds", async () => {
    await cache.set("short", 1, { timeout: 2 });
    const ttl = await redis.pttl(`${namespace}:short`);
    expect(ttl).toBeGreaterThan(1000);
    expect(ttl).toBeLessThanOrEqual(2000);
  });

  it("misses with undefined, and a cached null is a hit", async () => {
    expect(await cache.get("absent")).toBeUndefined();
    await cache.set("nothing", null);
    expect(await cache.get("nothing")).toBeNull();
    let loads = 0;
    const value = await cache.getOrSet("nothing", () => ++loads);
    expect(value).toBeNull();
    expect(loads).toBe(0);
  });

  it("rejects a timeout that would leave a key without expiry", async () => {
    await expect(cache.set("forever", 1, { timeout: 0 })).rejects.toThrow(RangeError);
    await expect(cache.set("forever", 1, { timeout: Number.POSITIVE_INFINITY })).rejects.toThrow(
      RangeError,
    );
    await expect(cache.getOrSet("forever", () => 1, { timeout: -1 })).rejects.toThrow(RangeError);
    expect(await redis.exists(`${namespace}:forever`)).toBe(0);
  });
});

describe("values keep their types", () => {
  it("round-trips Date, BigInt, Map, Set, undefined, null and nesting", async () => {
    const value = {
      when: new Date("2024-02-29T12:34:56.789Z"),
      big: 2n ** 70n,
      tags: new Set(["redis", "cache"]),
      byDay: new Map<Date, unknown>([[new Date(0), { views: 3n, gone: undefined }]]),
      list: [1, null, undefined, "x", [new Date(1)]],
      nothing: null,
      missing: undefined,
      odd: { $t: "Date", v: 0 },
      notNumbers: [Number.NaN, Number.POSITIVE_INFINITY],
    };
    await cache.set("typed", value);
    const back = await cache.get<typeof value>("typed");
    expect(back).toStrictEqual(value);
    expect(back?.when).toBeInstanceOf(Date);
    expect(typeof back?.big).toBe("bigint");
    expect(back?.byDay.keys().next().value).toBeInstanceOf(Date);
    expect(back && "missing" in back).toBe(true);
  });
});

describe("add / has / delete", () => {
  it("add stores only when absent", async () => {
    expect(await cache.add("k", "first")).toBe(true);
    expect(await cache.add("k", "second")).toBe(false);
    expect(await cache.get("k")).toBe("first");
  });

  it("add is atomic: of 50 concurrent adds from two clients exactly one wins", async () => {
    const other = testRedis();
    const second = createCache({ ...patient, redis: other, namespace, logger });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 ? cache : second).add("race", i)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await cache.get("race")).toBe(winner);
    await second.close();
    other.disconnect();
  });

  it("has and delete", async () => {
    expect(await cache.has("k")).toBe(false);
    await cache.set("k", 0);
    expect(await cache.has("k")).toBe(true);
    expect(await cache.delete("k")).toBe(true);
    expect(await cache.delete("k")).toBe(false);
    expect(await cache.has("k")).toBe(false);
  });
});

describe("getMany / setMany / deleteMany", () => {
  it("works on several keys at once, in order, with misses as undefined", async () => {
    expect(await cache.setMany({ k1: "v1", k2: null, k3: new Date(5) }, { timeout: 60 })).toBe(
      true,
    );
    expect(await cache.getMany(["k1", "absent", "k2", "k3"])).toStrictEqual([
      "v1",
      undefined,
      null,
      new Date(5),
    ]);
    const ttl = await redis.pttl(`${namespace}:k3`);
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(await cache.deleteMany(["k1", "k2", "absent"])).toBe(2);
    expect(await cache.getMany(["k1", "k2", "k3"])).toStrictEqual([
      undefined,
      undefined,
      new Date(5),
    ]);
    expect(await cache.getMany([])).toEqual([]);
  });
});

describe("size limit", () => {
  it("does not cache a value over the limit, logs it, and does not throw", async () => {
    const small = createCache({ ...patient, redis, namespace, logger, maxValueBytes: 1024 });
    const big = "x".repeat(2000);
    expect(await small.set("big", big)).toBe(false);
    expect(await redis.exists(`${namespace}:big`)).toBe(0);
    expect(
      logger.messages.some((m) => m.includes("big not cached") && m.includes("1024-byte limit")),
    ).toBe(true);

    let loads = 0;
    const loader = () => {
      loads++;
      return big;
    };
    expect(await small.getOrSet("big", loader)).toBe(big);
    expect(await small.getOrSet("big", loader)).toBe(big);
    expect(loads).toBe(2);
    expect(await small.setMany({ fits: "ok", big })).toBe(false);
    expect(await small.get("fits")).toBe("ok");
    await small.close();
  });

  it("does not cache what JSON cannot carry, and does not throw", async () => {
    expect(await cache.set("fn", { run: () => 1 })).toBe(false);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(await cache.set("loop", loop)).toBe(false);
    expect(await keysOf(redis, namespace)).toEqual([]);
  });
});

describe("several caches and clear()", () => {
  it("keeps namespaces and default timeouts apart; clear() removes only its own keys", async () => {
    const staticNamespace = testNamespace("static");
    const api = createCache({ ...patient, redis, namespace, defaultTimeout: 300, logger });
    const stat = createCache({
      ...patient,
      redis,
      namespace: staticNamespace,
      defaultTimeout: 3600,
      logger,
    });
    await api.set("page", "api");
    await stat.set("page", "static");
    expect(await api.get("page")).toBe("api");
    expect(await stat.get("page")).toBe("static");
    expect(await redis.pttl(`${staticNamespace}:page`)).toBeGreaterThan(3_599_000);

    // More keys than one SCAN page holds.
    expect(
      await api.setMany(
        Object.fromEntries(Array.from({ length: 2500 }, (_, i) => [`bulk:${i}`, i])),
      ),
    ).toBe(true);
    await api.getOrSet("counted", () => 1);
    await api.flushStats();
    expect(await api.clear()).toBe(2502);
    expect(await keysOf(redis, namespace)).toEqual([`${namespace}:stats`]);
    expect(await stat.get("page")).toBe("static");
    await stat.clear();
    await Promise.all([api.close(), stat.close()]);
    await deleteNamespace(redis, staticNamespace);
  });

  // The blog's static cache asks for a DB index of its own (STATIC_CACHE_DB, which the tests own
  // too). A Cluster has DB 0 only: there the cache shares the client, its namespace alone keeping
  // its keys apart, and close() leaves that client open.
  it("db: N is a connection to that DB on a server, the shared client on a Cluster", async () => {
    const db = Number(process.env.STATIC_CACHE_DB);
    const ownNamespace = testNamespace("own-db");
    const own = createCache({ ...patient, redis, namespace: ownNamespace, db, logger });
    expect(await own.set("page", "static")).toBe(true);
    expect(await own.get("page")).toBe("static");
    if (redis instanceof Cluster) {
      expect(await redis.get(`${ownNamespace}:page`)).toContain("static");
    } else {
      expect(await redis.exists(`${ownNamespace}:page`)).toBe(0);
      const inDb = redis.duplicate({ db });
      expect(await inDb.get(`${ownNamespace}:page`)).toContain("static");
      inDb.disconnect();
    }
    expect(await own.clear()).toBe(1);
    await own.close();
    expect(redis.status).toBe("ready"); // the shared client stays open
  });

  it("matches the namespace literally, glob characters included", async () => {
    const globby = createCache({ ...patient, redis, namespace: `${namespace}:a*`, logger });
    const sibling = createCache({ ...patient, redis, namespace: `${namespace}:ab`, logger });
    await globby.set("k", 1);
    await sibling.set("k", 2);
    expect(await globby.clear()).toBe(1);
    expect(await sibling.get("k")).toBe(2);
    await Promise.all([globby.close(), sibling.close()]);
  });
});
