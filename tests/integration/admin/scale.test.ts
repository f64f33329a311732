// With 100,000 keys in Redis (a private server, so the count is exact), the page's requests stay
// bounded: no KEYS, no whole-collection read, a fixed number of SCAN calls per request.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browseKeys } from "@/lib/admin/key-browser";
import { inspectKey } from "@/lib/admin/key-inspect";
import { cacheOverview } from "@/lib/admin/overview";
import { type Cache, createCache } from "@/lib/cache";
import { PrivateRedis } from "../../helpers/private-redis";
import { patient, recordingClient } from "../../helpers/redis";

const server = new PrivateRedis();
let client: ReturnType<typeof recordingClient>;
let cache: Cache;
const KEYS = 100_000;
const BLOCKING = ["keys", "hgetall", "smembers", "hkeys", "hvals", "flushdb", "flushall"];

beforeAll(async () => {
  await server.start();
  client = recordingClient(`redis://127.0.0.1:${server.port}/0`);
  for (let start = 0; start < KEYS; start += 10_000) {
    const pipeline = client.pipeline();
    for (let i = start; i < start + 10_000; i++) pipeline.set(`views:base:{${i}}`, String(i));
    await pipeline.exec();
  }
  await client.sadd("big:set", ...Array.from({ length: 50_000 }, (_, i) => `m${i}`));
  cache = createCache({ redis: client, namespace: "cache:feed", ...patient });
  await cache.setMany(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`page:${i}`, i])));
}, 60_000);

afterAll(async () => {
  await cache.close();
  client.disconnect();
  await server.stop();
});

describe("with 100,000 keys", () => {
  it("the overview costs one INFO, a bounded memory sample and nothing that grows with the keyspace", async () => {
    client.commands = [];
    const overview = await cacheOverview({ client, caches: [cache] });
    expect(overview.keyCount).toBe(KEYS + 11);
    expect(overview.memory).toMatchObject({ sampled: 2_000, complete: false, dbKeys: KEYS + 11 });
    const count = (name: string) => client.commands.filter((c) => c === name).length;
    expect(count("scan")).toBeLessThanOrEqual(5);
    expect(count("memory")).toBe(2_000);
    expect(count("info")).toBe(1);
    expect(client.commands.length).toBeLessThan(2_100);
    // One HGETALL per cache namespace: its statistics hash of five fields.
    expect(count("hgetall")).toBe(1);
    for (const name of BLOCKING.filter((n) => n !== "hgetall"))
      expect(client.commands).not.toContain(name);
  });

  it("finding 10 keys among them takes pages of at most 20 SCAN calls each", async () => {
    client.commands = [];
    const found: string[] = [];
    let cursor = "0";
    let pages = 0;
    do {
      const page = await browseKeys(client, { pattern: "cache:feed:page:*", cursor });
      expect(page.calls).toBeLessThanOrEqual(20);
      found.push(...page.rows.map((row) => row.key.toString()));
      cursor = page.cursor;
      pages += 1;
    } while (cursor !== "0");
    expect(found.sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => `cache:feed:page:${i}`).sort(),
    );
    expect(client.commands.filter((c) => c === "scan").length).toBeLessThanOrEqual(pages * 20);
    for (const name of BLOCKING) expect(client.commands).not.toContain(name);
  });

  it("opening a set of 50,000 members reads a hundred of them", async () => {
    client.commands = [];
    const report = await inspectKey(client, Buffer.from("big:set"));
    expect(report).toMatchObject({ exists: true, type: "set", length: 50_000 });
    if (report.exists) expect(report.items).toHaveLength(100);
    expect(client.commands.filter((c) => c === "sscan").length).toBeLessThanOrEqual(10);
    for (const name of BLOCKING) expect(client.commands).not.toContain(name);
  });
});
