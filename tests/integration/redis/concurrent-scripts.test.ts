// Lua scripts sent at once for keys of many slots, through the toolkit's client with
// auto-pipelining on: on one server they share a pipeline; on a Cluster (`npm run test:cluster`)
// ioredis must batch them per node, never one batch to one node for keys that live on another
// (which Redis would refuse with MOVED or CROSSSLOT). Every script must run, once, on its own keys.
import { randomUUID } from "node:crypto";
import { Cluster } from "ioredis";
import calculateSlot from "ioredis/built/utils/calculateSlot.js";
import { afterAll, expect, it } from "vitest";
import { createClient, parseClusterNodes, type RedisClient } from "@/lib/redis/client";
import { luaScript } from "@/lib/redis/script";

const nodes = process.env.REDIS_CLUSTER_NODES;
const client: RedisClient = createClient(
  nodes ? { clusterNodes: parseClusterNodes(nodes) } : { url: process.env.REDIS_URL! },
  { timeoutMs: 2_000 },
);
afterAll(() => client.disconnect());

// Two keys under one {tag}, as every script of the app names them.
const bumpPair = luaScript(`
  redis.call('INCR', KEYS[1])
  return redis.call('INCRBY', KEYS[2], ARGV[1])
`);

it("runs 64 concurrent scripts on 64 hash tags, each once, with its own arguments", async () => {
  const run = randomUUID();
  const tags = Array.from({ length: 64 }, (_, i) => `{toolkit:${run}:${i}}`);
  const answers = await Promise.all(
    tags.map((tag, i) => bumpPair(client, [`${tag}:a`, `${tag}:b`], [String(i + 1)])),
  );
  expect(answers).toEqual(tags.map((_, i) => i + 1));
  const firsts = await Promise.all(tags.map((tag) => client.get(`${tag}:a`)));
  expect(firsts).toEqual(tags.map(() => "1"));

  if (client instanceof Cluster) {
    // The tags really are spread: their slots belong to every master of the Cluster.
    const owners = new Set(tags.map((tag) => client.slots[calculateSlot(tag)]?.[0]));
    expect(owners.size).toBe(client.nodes("master").length);
    expect(owners.size).toBeGreaterThanOrEqual(3);
  }
  await Promise.all(tags.flatMap((tag) => [client.unlink(`${tag}:a`), client.unlink(`${tag}:b`)]));
});
