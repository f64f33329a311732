// Where the memory is (a bounded SCAN sample, exact on a private server) and the page's whole
// overview (the JSON API's shape) on the test Redis.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleMemory } from "@/lib/admin/memory";
import { cacheOverview } from "@/lib/admin/overview";
import { caches } from "@/lib/blog-cache/caches";
import { redis as appRedis } from "@/lib/platform/redis";
import type { RedisClient } from "@/lib/redis/client";
import { PrivateRedis } from "../../helpers/private-redis";
import { recordingClient } from "../../helpers/redis";
import { testRedisDbs } from "../../settings";

const server = new PrivateRedis();
let client: RedisClient & { commands: string[] };

beforeAll(async () => {
  await server.start();
  client = recordingClient(`redis://127.0.0.1:${server.port}/0`);
  const pipeline = client.pipeline();
  for (let i = 0; i < 3_000; i++) pipeline.set(`cache:feed:page:${i}`, "x".repeat(100));
  for (let i = 0; i < 1_000; i++) pipeline.set(`session:${i}abc`, "y");
  for (let i = 0; i < 500; i++) pipeline.zadd(`rl:api:{ip:10.0.0.${i}}`, i, `m${i}`);
  await pipeline.exec();
});

afterAll(async () => {
  client.disconnect();
  await server.stop();
});

describe("sampleMemory", () => {
  it("counts every key by namespace when the DB fits in the sample", async () => {
    const memory = await sampleMemory(client, { maxKeys: 10_000 });
    expect(memory).toMatchObject({ sampled: 4_500, complete: true, dbKeys: 4_500 });
    const rows = Object.fromEntries(memory.byNamespace.map((row) => [row.namespace, row]));
    expect(Object.keys(rows).sort()).toEqual(["cache:feed", "rl:api", "session"]);
    expect(rows["cache:feed"]).toMatchObject({ keys: 3_000, estimatedKeys: 3_000 });
    expect(rows["cache:feed"].bytes).toBeGreaterThan(3_000 * 100);
    expect(memory.byNamespace[0].namespace).toBe("cache:feed");
    expect(memory.bytes).toBe(memory.byNamespace.reduce((sum, row) => sum + row.bytes, 0));
  });

  it("looks at no more than its bound, in few SCAN calls, and says it is a sample", async () => {
    client.commands = [];
    const memory = await sampleMemory(client, { maxKeys: 2_000, count: 500 });
    expect(memory.sampled).toBe(2_000);
    expect(memory.complete).toBe(false);
    expect(memory.dbKeys).toBe(4_500);
    expect(client.commands.filter((c) => c === "scan").length).toBeLessThanOrEqual(6);
    expect(client.commands.filter((c) => c === "memory")).toHaveLength(2_000);
    expect(client.commands).not.toContain("keys");
    const estimated = memory.byNamespace.reduce((sum, row) => sum + row.estimatedKeys, 0);
    expect(estimated).toBeGreaterThan(4_000);
    expect(estimated).toBeLessThan(5_000);
  });
});

describe("cacheOverview", () => {
  it("answers with the documented shape: INFO figures, hit rates per namespace, memory, samples", async () => {
    await appRedis().set(`test:admin:overview:${process.pid}`, "1", "EX", 60); // a key to count, even in an empty DB
    const overview = await cacheOverview({ memoryKeys: 200 });
    expect(overview.db).toBe(testRedisDbs()[0]); // the app's own DB index: the tests' (tests/settings.ts)
    expect(overview.redis.commandsProcessed).toBeGreaterThan(0);
    expect(overview.redis.connectedClients).toBeGreaterThan(0);
    expect(overview.redis.usedMemoryHuman).toMatch(/^\d+(\.\d+)?[BKMGT]?$/);
    expect(overview.keyCount).toBeGreaterThan(0);
    expect(overview.keyCount).toBe(
      overview.redis.databases.find((d) => d.db === overview.db)?.keys,
    );
    // Our caches, then Next's own cache ('use cache', ISR) on Redis.
    expect(overview.namespaces.map((n) => n.namespace)).toEqual([
      ...Object.values(caches()).map((c) => c.namespace),
      "next-cache",
    ]);
    for (const row of overview.namespaces) expect(row).toHaveProperty("hitRate");
    expect(overview.memory.sampled).toBeLessThanOrEqual(200);
    expect(overview.samples.at(-1)).toMatchObject({ live: true });
    expect(JSON.parse(JSON.stringify(overview))).toMatchObject({
      redis: { version: expect.any(String) },
      samples: expect.any(Array),
    });
  });
});
