// The key page's decoding of every Redis type, with hostile, long and binary content, and its
// bounds: a big collection is read in part, never whole.
import { afterAll, describe, expect, it } from "vitest";
import { inspectKey, type KeyReport, MAX_ITEMS } from "@/lib/admin/key-inspect";
import { createCache } from "@/lib/cache";
import { deleteByPattern, patient, recordingClient } from "../../helpers/redis";
import { uniquePrefix } from "./helpers";

const client = recordingClient();
const prefix = uniquePrefix("inspect");
const key = (name: string) => Buffer.from(`${prefix}:${name}`);
type Found = Extract<KeyReport, { exists: true }>;

async function inspect(name: string | Buffer): Promise<Found> {
  const report = await inspectKey(client, typeof name === "string" ? key(name) : name);
  if (!report.exists) throw new Error("expected the key to exist");
  return report;
}

afterAll(async () => {
  await deleteByPattern(client, `${prefix}:*`);
  client.disconnect();
});

describe("inspectKey", () => {
  it("says when a key does not exist", async () => {
    expect(await inspectKey(client, key("missing"))).toEqual({ exists: false });
  });

  it("shows a cache library entry as its typed value, with TTL, memory and freshness", async () => {
    const cache = createCache({
      redis: client,
      namespace: `${prefix}:cache`,
      ...patient,
    });
    const joined = new Date("2026-01-02T03:04:05.000Z");
    await cache.set(
      "profile",
      { name: "Ada", joined, tags: new Set(["redis"]), visits: 12n },
      { timeout: 300 },
    );
    const report = await inspect("cache:profile");
    expect(report).toMatchObject({ type: "string", encoding: expect.any(String) });
    expect(report.ttlMs).toBeGreaterThan(290_000);
    expect(report.memory).toBeGreaterThan(0);
    expect(report.value?.kind).toBe("cache-entry");
    const text = report.value!.text;
    expect(text).toContain("2026-01-02T03:04:05.000Z");
    expect(text).toContain("Set(1)");
    expect(text).toContain("12n");
    if (report.value?.kind === "cache-entry")
      expect(report.value.freshUntil).toBeGreaterThan(Date.now());
    await cache.close();
  });

  it("pretty-prints other JSON and shows plain and hostile text as text", async () => {
    await client.set(key("json"), JSON.stringify({ a: [1, 2], b: "<b>" }));
    await client.set(key("html"), "<script>alert(1)</script>", "EX", 60);
    expect((await inspect("json")).value).toMatchObject({
      kind: "json",
      text: '{\n  "a": [\n    1,\n    2\n  ],\n  "b": "<b>"\n}',
    });
    const html = await inspect("html");
    expect(html.value).toMatchObject({
      kind: "text",
      text: "<script>alert(1)</script>",
      truncated: false,
    });
    expect(html.ttlMs).toBeGreaterThan(0);
  });

  it("cuts a long value and says so", async () => {
    await client.set(key("long"), "<script>alert(1)</script>".repeat(400)); // 10,000 characters
    const report = await inspect("long");
    expect(report.length).toBe(10_000);
    expect(report.value).toMatchObject({ kind: "text", truncated: true, length: 10_000 });
    expect(report.value!.text.length).toBeLessThan(10_000);
  });

  it("reads only the start of a huge string", async () => {
    await client.set(key("huge"), Buffer.alloc(2 * 1024 * 1024, 0x61));
    const report = await inspect("huge");
    expect(report.length).toBe(2 * 1024 * 1024);
    expect(report.value).toMatchObject({ kind: "text", truncated: true });
    expect(report.value!.length).toBeLessThanOrEqual(512 * 1024 + 1);
  });

  it("shows binary values as a hex dump and opens binary key names", async () => {
    const binaryKey = Buffer.concat([
      Buffer.from(`${prefix}:bin:`),
      Buffer.from([0x00, 0xff, 0xfe]),
    ]);
    await client.set(binaryKey, Buffer.from([0x3c, 0x73, 0x00, 0xff, 0x10, 0x80]));
    const report = await inspect(binaryKey);
    expect(report.value).toMatchObject({ kind: "binary", bytes: 6, truncated: false });
    expect(report.value!.text).toBe(`00000000  ${"3c 73 00 ff 10 80".padEnd(47)}  |<s....|`);
  });

  it("reads hashes, lists, sets and sorted sets, each bounded to the first 100 elements", async () => {
    const fields = Object.fromEntries(
      Array.from({ length: 1_000 }, (_, i) => [
        `field${i}`,
        i === 0 ? "<img src=x onerror=alert(1)>" : `v${i}`,
      ]),
    );
    await client.hset(key("hash"), fields);
    await client.rpush(key("list"), ...Array.from({ length: 500 }, (_, i) => `item ${i}`));
    await client.sadd(key("set"), ...Array.from({ length: 700 }, (_, i) => `member ${i}`));
    await client.zadd(
      key("zset"),
      ...Array.from({ length: 300 }, (_, i) => [i * 1.5, `player ${i}`]).flat(),
    );
    await client.sadd(key("small-set"), "a", Buffer.from([0x00, 0x01]));
    client.commands = [];

    const hash = await inspect("hash");
    expect(hash).toMatchObject({ type: "hash", length: 1_000 });
    expect(hash.items!.length).toBe(MAX_ITEMS);
    expect(
      hash.items!.every((item) => item.field && fields[item.field.text] === item.value.text),
    ).toBe(true);

    const list = await inspect("list");
    expect(list).toMatchObject({ type: "list", length: 500 });
    expect(list.items!.map((item) => item.value.text)).toEqual(
      Array.from({ length: 100 }, (_, i) => `item ${i}`),
    );

    const set = await inspect("set");
    expect(set).toMatchObject({ type: "set", length: 700 });
    expect(set.items!.length).toBe(MAX_ITEMS);
    expect(new Set(set.items!.map((item) => item.value.text)).size).toBe(MAX_ITEMS);

    const zset = await inspect("zset");
    expect(zset).toMatchObject({ type: "zset", length: 300 });
    expect(zset.items!.slice(0, 2)).toMatchObject([
      { value: { text: "player 0" }, score: "0" },
      { value: { text: "player 1" }, score: "1.5" },
    ]);
    expect(zset.items!.length).toBe(MAX_ITEMS);

    const small = await inspect("small-set");
    expect(small.items!.map((item) => item.value.kind).sort()).toEqual(["binary", "text"]);

    for (const unbounded of ["hgetall", "smembers", "hkeys", "hvals", "keys"])
      expect(client.commands).not.toContain(unbounded);
  });

  it("reports a stream's length without reading it", async () => {
    await client.xadd(key("stream"), "*", "event", "signup");
    expect(await inspect("stream")).toMatchObject({ type: "stream", length: 1 });
  });
});
