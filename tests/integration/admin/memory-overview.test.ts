// Where the memory is (a bounded SCAN sample, exact on a private server) and the page's whole
// overview (the JSON API's shape) on the test Redis. Under TEST_REDIS_CLUSTER_NODES the test Redis
// is a Cluster: the sample walks every master, the figures are the masters' summed, and the node
// table lists masters and replicas; the private server stays one Redis.

import { Cluster, type Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleMemory } from "@/lib/admin/memory";
import { readServerFigures } from "@/lib/admin/node-figures";
import { cacheOverview } from "@/lib/admin/overview";
import { dbOf, keysInDb, parseInfo, redisFigures } from "@/lib/admin/redis-info";
import { caches } from "@/lib/blog-cache/caches";
import { redis as appRedis } from "@/lib/platform/redis";
import type { RedisClient } from "@/lib/redis/client";
import { PrivateRedis } from "../../helpers/private-redis";
import { deleteByPattern, recordingClient, testRedis } from "../../helpers/redis";
import { testRedisDbs } from "../../settings";
import { uniquePrefix } from "./helpers";

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

// The test Redis, as the app's clients see it: one server, or a Cluster's masters.
const shared = testRedis();
const mastersOf = (redis: RedisClient): Redis[] =>
  redis instanceof Cluster ? redis.nodes("master") : [redis];
const sum = (values: number[]) => values.reduce((total, n) => total + n, 0);
afterAll(() => shared.disconnect());

describe("sampleMemory on the test Redis", () => {
  // A namespace of this file's own: namespaceOf() makes `test:adminmem<hex>` of these keys.
  const namespace = uniquePrefix("x").replace("test:admin:x:", "test:adminmem");
  beforeAll(async () => {
    await Promise.all(
      Array.from({ length: 300 }, (_, i) => shared.set(`${namespace}:k:${i}`, "v", "EX", 600)),
    );
  });
  afterAll(() => deleteByPattern(shared, `${namespace}:*`));

  it("counts the keys of every master, each once", async () => {
    const held = await Promise.all(
      mastersOf(shared).map((node) =>
        node.scan("0", "MATCH", `${namespace}:*`, "COUNT", 10_000).then(([, keys]) => keys.length),
      ),
    );
    if (shared.isCluster) for (const count of held) expect(count).toBeGreaterThan(0);
    const memory = await sampleMemory(shared, { maxKeys: 100_000, count: 1_000 });
    const dbKeys = sum(await Promise.all(mastersOf(shared).map((node) => node.dbsize())));
    expect(memory.complete).toBe(true);
    expect(memory.dbKeys).toBe(dbKeys);
    expect(memory.sampled).toBe(dbKeys);
    expect(memory.byNamespace.find((row) => row.namespace === namespace)).toMatchObject({
      keys: 300,
      estimatedKeys: 300,
    });
  });

  it("looks at no more keys than its bound, and says it is a sample", async () => {
    const perMaster = 60;
    const masters = mastersOf(shared).length;
    const memory = await sampleMemory(shared, { maxKeys: perMaster * masters, count: 20 });
    expect(memory.sampled).toBe(perMaster * masters);
    expect(memory.complete).toBe(false);
    expect(memory.dbKeys).toBeGreaterThanOrEqual(300);
  });
});

describe("cacheOverview", () => {
  it("answers with the documented shape: INFO figures, hit rates per namespace, memory, samples", async () => {
    await appRedis().set(`test:admin:overview:${process.pid}`, "1", "EX", 60); // a key to count, even in an empty DB
    const overview = await cacheOverview({ memoryKeys: 200 });
    // The app's own DB index: the tests' (tests/settings.ts); a Cluster has DB 0 only.
    expect(overview.cluster).toBe(shared.isCluster);
    expect(overview.db).toBe(overview.cluster ? 0 : testRedisDbs()[0]);
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

describe("INFO per node", () => {
  it("sums the masters' INFO figures, and lists every node", async () => {
    // INFO only: nothing between this reading and the next looks a key up.
    const { redis: summed, nodes } = await readServerFigures(shared);
    const direct = await Promise.all(
      mastersOf(shared).map(async (node) => redisFigures(parseInfo(await node.info()))),
    );
    const masters = nodes.filter((node) => node.role === "master");
    const replicas = nodes.filter((node) => node.role === "replica");
    expect(masters.length).toBe(direct.length);
    expect(summed.keyspaceHits).toBe(sum(direct.map((f) => f.keyspaceHits)));
    expect(summed.keyspaceMisses).toBe(sum(direct.map((f) => f.keyspaceMisses)));
    expect(summed.usedMemory).toBe(sum(masters.map((node) => node.usedMemory ?? 0)));
    expect(summed.opsPerSecond).toBe(sum(masters.map((node) => node.opsPerSecond ?? 0)));
    expect(keysInDb(summed, dbOf(shared))).toBe(sum(masters.map((node) => node.keys ?? 0)));
    expect(nodes.every((node) => node.answered)).toBe(true);
    if (shared instanceof Cluster) {
      // The test Cluster: three masters, each with one replica, listed right after it.
      expect(nodes).toHaveLength(6);
      expect(masters).toHaveLength(3);
      expect(new Set(nodes.map((node) => node.address))).toEqual(
        new Set(shared.nodes("all").map((node) => `${node.options.host}:${node.options.port}`)),
      );
      for (const replica of replicas)
        expect(nodes[nodes.indexOf(replica) - 1].address).toBe(replica.replicaOf);
      expect(summed.usedMemoryHuman).toMatch(/^\d+\.\d\d[KMGT]$/);
    } else {
      const { host, port } = (shared as Redis).options;
      expect(nodes).toEqual([
        expect.objectContaining({ address: `${host}:${port}`, role: "master" }),
      ]);
      expect(summed.version).toBe(direct[0].version);
    }
  });

  it("shows the node table on the page's overview too", async () => {
    const overview = await cacheOverview({ memoryKeys: 10 });
    expect(overview.nodes.length).toBe(overview.cluster ? 6 : 1);
    expect(overview.nodes.filter((node) => node.role === "master").length).toBe(
      overview.cluster ? 3 : 1,
    );
  });
});
