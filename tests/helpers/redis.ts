// Clients of the test Redis (TEST_REDIS_URL's DB, tests/settings.ts) and what tests do with them:
// random namespaces, key listing and cleanup by SCAN (never KEYS or FLUSHDB: other files and
// other checkouts share the server), and the cache library's settings for tests.
import { randomBytes } from "node:crypto";
import { Cluster, Redis, type RedisOptions } from "ioredis";
import { afterAll } from "vitest";
import { parseClusterNodes, type RedisClient } from "../../lib/redis/client";
import { unlinkByPattern } from "../../lib/redis/scan";
import { TEST_CACHE_COMMAND_TIMEOUT_MS } from "../settings";
import { keysMatching } from "./scan";

/**
 * A client of the test Redis, or of `url`: a Cluster client under `npm run test:cluster`
 * (REDIS_CLUSTER_NODES) unless a `url` is given. Outages are expected in some tests: errors are
 * not printed.
 */
export function testRedis(options: RedisOptions = {}, url?: string): RedisClient {
  const nodes = process.env.REDIS_CLUSTER_NODES;
  const client =
    nodes && url === undefined
      ? new Cluster(parseClusterNodes(nodes), { redisOptions: options })
      : new Redis(url ?? process.env.REDIS_URL!, options);
  client.on("error", () => {});
  return client;
}

/** A test Redis client that records the name of every command it sends (to prove what was never sent). */
export function recordingClient(url?: string): RedisClient & { commands: string[] } {
  const client = testRedis({}, url) as RedisClient & { commands: string[] };
  client.commands = [];
  const send = client.sendCommand.bind(client);
  client.sendCommand = (...args: Parameters<Redis["sendCommand"]>) => {
    client.commands.push(args[0].name.toLowerCase());
    return send(...args);
  };
  return client;
}

export function testNamespace(label: string): string {
  return `test:cache:${label}:${randomBytes(4).toString("hex")}`;
}

export { keysMatching };

export const keysOf = (client: RedisClient, namespace: string) =>
  keysMatching(client, `${namespace}:*`);

// unlinkByPattern: on a Cluster a page's keys lie in many slots, which one UNLINK cannot take.
export async function deleteByPattern(client: RedisClient, pattern: string): Promise<void> {
  await unlinkByPattern(client, pattern);
}

export const deleteNamespace = (client: RedisClient, namespace: string) =>
  deleteByPattern(client, `${namespace}:*`);

/** For caches and stores a test makes itself: the tests' command timeout (tests/settings.ts). */
export const patient = { commandTimeoutMs: TEST_CACHE_COMMAND_TIMEOUT_MS } as const;

/** A client of the test Redis for this file's tests, closed after the last of them. */
export function redisForFile(): RedisClient {
  const client = testRedis();
  afterAll(() => void client.disconnect());
  return client;
}
