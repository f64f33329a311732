// The 'use cache' handler against the test Redis: every method of Next's CacheHandler
// interface, the contract's duties, and two handler instances (as two processes, each with its
// own connection and store) seeing each other's writes and tag updates.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createUseCacheHandler } from "@/lib/next-cache";
import { deferred } from "../../helpers/async";
import { deleteNamespace, keysOf, testNamespace, testRedis } from "../../helpers/redis";
import { bytesOf, entry, storeOn, streamOfChunks, textOf } from "./helpers";

const admin = testRedis();
const clients = [testRedis(), testRedis()];
const namespace = testNamespace("next-uc");
// Both instances' clock for tag updates, moved only by the tests: an entry stamped `time` and an
// update are in the same millisecond, or a later one, exactly as a test says.
let time = Date.now();
const [storeA, storeB] = clients.map((client) =>
  storeOn(client, namespace, { maxEntryTtlSeconds: 86_400, now: () => time }),
);
const [a, b] = [createUseCacheHandler(storeA), createUseCacheHandler(storeB)];

afterEach(async () => {
  // Counts still pending in a store would land in the next test's figures.
  await Promise.all([storeA.access.flushStats(), storeB.access.flushStats()]);
  await deleteNamespace(admin, namespace);
  time = Date.now(); // back to real time: a tag record's PEXPIREAT is absolute
});
afterAll(async () => {
  await Promise.all([storeA.access.close(), storeB.access.close()]);
  for (const client of [admin, ...clients]) client.disconnect();
});

describe("get and set", () => {
  it("gives back the stored bytes and metadata, in a new stream on every get", async () => {
    const stored = entry("<p>hello</p>", {
      tags: ["post:1"],
      stale: 30,
      expire: 600,
      revalidate: 60,
    });
    await a.set("k", Promise.resolve(stored));
    const first = await a.get("k", []);
    const second = await b.get("k", []);
    expect(first).toMatchObject({
      tags: ["post:1"],
      stale: 30,
      expire: 600,
      revalidate: 60,
      timestamp: stored.timestamp,
    });
    expect(first!.value).not.toBe(second!.value);
    expect(await textOf(first)).toBe("<p>hello</p>");
    expect(await textOf(second)).toBe("<p>hello</p>");
    expect(await a.get("absent", [])).toBeUndefined();
  });

  it("keeps a large body split in many chunks intact, byte for byte", async () => {
    const body = randomBytes(1_500_000);
    const chunks = Array.from({ length: 23 }, (_, i) =>
      body.subarray(i * 65_536, (i + 1) * 65_536),
    );
    await a.set("big", Promise.resolve({ ...entry(""), value: streamOfChunks(chunks) }));
    expect((await bytesOf((await b.get("big", []))!.value)).equals(body)).toBe(true);
  });

  it("stores nothing of a stream that errors, and releases the stream once set resolves", async () => {
    const failing = {
      ...entry(""),
      value: streamOfChunks([new TextEncoder().encode("partial")], true),
    };
    await a.set("broken", Promise.resolve(failing));
    expect(await a.get("broken", [])).toBeUndefined();
    const good = entry("whole");
    await a.set("good", Promise.resolve(good));
    expect(good.value.locked).toBe(false);
  });

  it("makes a get wait for a set of the same key that is still pending", async () => {
    const pending = deferred<ReturnType<typeof entry>>();
    const setting = a.set("slow", pending.promise);
    const getting = a.get("slow", []);
    pending.resolve(entry("late but there"));
    expect(await textOf(await getting)).toBe("late but there");
    await setting;
  });

  it("does not store a dynamic entry (expire 0)", async () => {
    await a.set("dynamic", Promise.resolve(entry("x", { expire: 0 })));
    expect(await keysOf(admin, `${namespace}:uc`)).toEqual([]);
  });
});

describe("lifetimes", () => {
  it("keeps an entry in Redis for its expire, capped by the store's maximum", async () => {
    await a.set("short", Promise.resolve(entry("x", { expire: 120, revalidate: 60 })));
    await a.set("forever", Promise.resolve(entry("x", { expire: 0xfffffffe })));
    const ttl = (key: string) => admin.pttl(storeA.entryKey("use-cache", key));
    expect(await ttl("short")).toBeGreaterThan(110_000);
    expect(await ttl("short")).toBeLessThanOrEqual(120_000);
    expect(await ttl("forever")).toBeGreaterThan(86_000_000);
    expect(await ttl("forever")).toBeLessThanOrEqual(86_400_000);
  });

  it("returns revalidate and expire as stored, for Next to decide between fresh, stale and gone", async () => {
    const old = entry("old", { timestamp: Date.now() - 100_000, revalidate: 60, expire: 3600 });
    await a.set("old", Promise.resolve(old));
    expect(await a.get("old", [])).toMatchObject({
      revalidate: 60,
      expire: 3600,
      timestamp: old.timestamp,
    });
  });
});

describe("tags, across two handler instances", () => {
  it("updateTags without durations (updateTag) expires the entry's own tag at once, for the other instance too", async () => {
    await a.set("k", Promise.resolve(entry("v1", { tags: ["post:7", "feed"], timestamp: time })));
    expect(await textOf(await b.get("k", []))).toBe("v1");
    time += 1;
    await b.updateTags(["post:7"]);
    expect(await a.get("k", [])).toBeUndefined();
    expect(await b.get("k", [])).toBeUndefined();
    // An entry made after the update is served.
    time += 1;
    await a.set("k", Promise.resolve(entry("v2", { tags: ["post:7"], timestamp: time })));
    expect(await textOf(await b.get("k", []))).toBe("v2");
  });

  it("neither expires nor marks stale an entry stamped in the update's own millisecond (Next's areTagsExpired, areTagsStale)", async () => {
    await a.set("k", Promise.resolve(entry("v1", { tags: ["post:7"], timestamp: time })));
    await b.updateTags(["post:7"]);
    await b.updateTags(["post:7"], { expire: 0 });
    expect(await admin.hmget(storeA.tags.key("post:7"), "s", "e")).toEqual([
      String(time),
      String(time),
    ]);
    time += 1; // the expiry has come, and still does not count for this entry
    const found = await a.get("k", []);
    expect(found?.revalidate).toBe(900);
    expect(await textOf(found)).toBe("v1");
  });

  it("checks the soft tags passed to get (getExpiration says Infinity)", async () => {
    expect(await a.getExpiration(["_N_T_/posts"])).toBe(Infinity);
    await a.refreshTags();
    await a.set("page", Promise.resolve(entry("page", { timestamp: time })));
    expect(await b.get("page", ["_N_T_/posts"])).toBeDefined();
    // Read under the other path before the update too: a tag first seen after an update of any
    // tag is taken as expired by it, as a record lost to eviction would have to be.
    expect(await b.get("page", ["_N_T_/other"])).toBeDefined();
    time += 1;
    await b.updateTags(["_N_T_/posts"]);
    expect(await a.get("page", ["_N_T_/posts"])).toBeUndefined();
    expect(await a.get("page", ["_N_T_/other"])).toBeDefined();
  });

  it("updateTags with durations (revalidateTag with a profile): stale now, served once more with revalidate -1, expired later", async () => {
    await a.set(
      "k",
      Promise.resolve(entry("v1", { tags: ["feed"], revalidate: 900, timestamp: time })),
    );
    time += 1;
    await b.updateTags(["feed"], { expire: 3600 });
    const stale = await a.get("k", []);
    expect(stale?.revalidate).toBe(-1);
    expect(await textOf(stale)).toBe("v1");
    const record = await admin.hgetall(storeA.tags.key("feed"));
    expect(Number(record.e) - Number(record.s)).toBe(3_600_000);

    // The same update made 5 s ago with a 1 s expire: the expiry has come, so it is a miss.
    await a.set("m", Promise.resolve(entry("v1", { tags: ["lists"], timestamp: time - 10_000 })));
    await storeB.tags.update(["lists"], { expire: 1 }, time - 5_000);
    expect(await a.get("m", [])).toBeUndefined();
  });

  it("keeps each tag in a record of its own that expires once no entry can depend on it", async () => {
    await a.updateTags(["post:1", "post:2"]);
    await a.updateTags(["feed"], { expire: 3600 });
    expect(await keysOf(admin, `${namespace}:tag`)).toEqual(
      [`${namespace}:tag:{feed}`, `${namespace}:tag:{post:1}`, `${namespace}:tag:{post:2}`].sort(),
    );
    const day = 86_400_000;
    const ttl = await admin.pttl(`${namespace}:tag:{post:1}`);
    expect(ttl).toBeGreaterThan(day - 60_000);
    expect(ttl).toBeLessThanOrEqual(day);
    // A future expiry keeps the record until then, plus the longest an entry lives.
    expect(await admin.pttl(`${namespace}:tag:{feed}`)).toBeGreaterThan(day + 3_600_000 - 60_000);
  });

  it("writes only single keys, each entry key carrying its own hash tag", async () => {
    await a.set("k", Promise.resolve(entry("x", { tags: ["t"] })));
    await a.updateTags(["t"]);
    await storeA.access.flushStats();
    const keys = await keysOf(admin, namespace);
    const own = [storeA.tags.latestKey(), `${namespace}:stats`];
    expect(keys.every((key) => /^[^{]*:(uc|tag):\{[^}]+\}$/.test(key) || own.includes(key))).toBe(
      true,
    );
  });
});

describe("statistics", () => {
  it("counts hits, stale hits and misses for the admin page, shared by both instances", async () => {
    await a.set("k", Promise.resolve(entry("x", { tags: ["s"], timestamp: time })));
    await a.get("k", []);
    await b.get("nothing", []);
    time += 1;
    await b.updateTags(["s"], {});
    await b.get("k", []);
    await Promise.all([storeA.access.flushStats(), storeB.access.flushStats()]);
    expect(await storeA.access.stats()).toMatchObject({ hits: 1, misses: 1, stale: 1 });
  });
});
