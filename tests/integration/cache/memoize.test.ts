// memoize / deleteMemoized: per-argument entries, one-entry versus whole-function deletion.
import { Cluster } from "ioredis";
import { describe, expect, it, vi } from "vitest";
import { createCache } from "@/lib/cache";
import { cacheForFile } from "../../helpers/cache";
import { keysOf, patient } from "../../helpers/redis";

const { redis, namespace, cache } = cacheForFile("memo");

function statisticsOf() {
  const load = vi.fn(async (userId: number, options?: { since: Date }) => ({
    userId,
    since: options?.since,
    computedAt: new Date(),
  }));
  return {
    load,
    getUserStatistics: cache.memoize(load, { name: "getUserStatistics", timeout: 600 }),
  };
}

describe("memoize", () => {
  it("caches per argument list, with types kept", async () => {
    const { load, getUserStatistics } = statisticsOf();
    const first = await getUserStatistics(42);
    expect(await getUserStatistics(42)).toStrictEqual(first);
    expect(first.computedAt).toBeInstanceOf(Date);
    await getUserStatistics(7);
    expect(load).toHaveBeenCalledTimes(2);

    const since = new Date("2024-01-01");
    await getUserStatistics(42, { since });
    expect((await getUserStatistics(42, { since: new Date("2024-01-01") })).since).toEqual(since);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it("keys on the arguments' content, not their property order", async () => {
    const load = vi.fn(async (filter: { a: number; b: number }) => filter.a + filter.b);
    const sum = cache.memoize(load, { name: "sum" });
    await sum({ a: 1, b: 2 });
    await sum({ b: 2, a: 1 });
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("uses the function's own name, and wants one", async () => {
    async function countPosts(userId: number) {
      return userId * 10;
    }
    const counted = cache.memoize(countPosts, { timeout: 60 });
    expect(await counted(3)).toBe(30);
    const keys = await keysOf(redis, namespace);
    expect(keys.some((k) => k.startsWith(`${namespace}:memo:{countPosts}:v`))).toBe(true);
    const ttl = await redis.pttl(keys.find((k) => k.includes(":memo:{countPosts}:v"))!);
    expect(ttl).toBeGreaterThan(59_000);
    expect(() => cache.memoize(async () => 1)).toThrow(TypeError);
  });

  // On one server Redis tells this process when the version changes (tracked-keys.ts), so a hit
  // is a GET of its entry once the watch is up. On a Cluster nothing is watched: every hit is the
  // script that reads the version and the entry together, one command on one node, since both
  // keys carry the function's hash tag.
  it("a hit is one command: a GET once the version is watched, on a Cluster the script", async () => {
    const own = createCache({ ...patient, redis, namespace, statsFlushMs: 3_600_000 });
    const getPost = own.memoize(async (id: number) => ({ id }), { name: "getPost" });
    await getPost(1);
    const hit = async () => {
      const commands = vi.spyOn(redis, "sendCommand");
      expect(await getPost(1)).toEqual({ id: 1 });
      const sent = commands.mock.calls.map(([command]) => (command as { name: string }).name);
      commands.mockRestore();
      return sent;
    };
    if (redis instanceof Cluster) {
      for (let call = 0; call < 3; call += 1) expect(await hit()).toEqual(["evalsha"]);
    } else {
      await vi.waitFor(async () => expect(await hit()).toEqual(["get"]), {
        timeout: 5_000,
        interval: 20,
      });
    }
    await own.close();
  });

  it("stampede protection applies to memoized calls too", async () => {
    const { load, getUserStatistics } = statisticsOf();
    load.mockImplementation(async (userId: number) => {
      await new Promise((r) => setTimeout(r, 50));
      return { userId, since: undefined, computedAt: new Date() };
    });
    await Promise.all(Array.from({ length: 100 }, () => getUserStatistics(1)));
    expect(load).toHaveBeenCalledTimes(1);
  });
});

describe("deleteMemoized", () => {
  it("with arguments forgets that one entry only", async () => {
    const { load, getUserStatistics } = statisticsOf();
    await getUserStatistics(42);
    await getUserStatistics(7);
    expect(await cache.deleteMemoized(getUserStatistics, 42)).toBe(true);
    await getUserStatistics(42);
    await getUserStatistics(7);
    expect(load.mock.calls.map((call) => call[0])).toEqual([42, 7, 42]);
  });

  it("without arguments forgets every entry of the function in one command", async () => {
    const { load, getUserStatistics } = statisticsOf();
    const other = vi.fn(async (id: number) => id);
    const getOther = cache.memoize(other, { name: "other" });
    for (const id of [1, 2, 3]) await getUserStatistics(id);
    await getOther(1);

    const versionKey = `${namespace}:memo:version:{getUserStatistics}`;
    const before = await redis.get(versionKey);
    const commands = vi.spyOn(redis, "sendCommand");
    expect(await cache.deleteMemoized(getUserStatistics)).toBe(true);
    // One SET of a new version (with its TTL), whatever the number of entries.
    expect(commands.mock.calls.map(([command]) => (command as { name: string }).name)).toEqual([
      "set",
    ]);
    commands.mockRestore();

    for (const id of [1, 2, 3]) await getUserStatistics(id);
    await getOther(1);
    expect(load).toHaveBeenCalledTimes(6);
    expect(other).toHaveBeenCalledTimes(1);

    expect(await redis.get(versionKey)).not.toBe(before);
    expect(await redis.pttl(versionKey)).toBeGreaterThan(6 * 24 * 3600 * 1000);
  });

  it("refuses a function this cache did not memoize", async () => {
    await expect(cache.deleteMemoized(async () => 1)).rejects.toThrow(TypeError);
  });
});

describe("setMemoized (write-through)", () => {
  it("stores what a call would return, so the next call is a hit without running the function", async () => {
    const { load, getUserStatistics } = statisticsOf();
    const written = { userId: 5, since: undefined, computedAt: new Date("2025-05-05") };
    expect(await cache.setMemoized(getUserStatistics, [5], written)).toBe(true);
    expect(await getUserStatistics(5)).toStrictEqual(written);
    expect(load).not.toHaveBeenCalled();
    const [entry] = (await keysOf(redis, namespace)).filter((key) => key.includes(":memo:{"));
    expect(await redis.pttl(entry)).toBeGreaterThan(590_000);
  });

  it("writes under the current version, so a whole-function delete forgets it too", async () => {
    const { load, getUserStatistics } = statisticsOf();
    await cache.setMemoized(getUserStatistics, [6], {
      userId: 6,
      since: undefined,
      computedAt: new Date(),
    });
    await cache.deleteMemoized(getUserStatistics);
    await getUserStatistics(6);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
