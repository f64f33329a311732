// Shared by the cache integration tests: a random namespace per file on the test Redis (DB 15),
// key cleanup, a logger that records instead of printing, and a private redis-server that a
// test may stop and start without touching the shared one.
import { randomBytes } from "node:crypto";
import { Redis, type RedisOptions } from "ioredis";
import type { CacheLogger } from "@/lib/cache";

export function testNamespace(label: string): string {
  return `test:cache:${label}:${randomBytes(4).toString("hex")}`;
}

export function testRedis(options: RedisOptions = {}): Redis {
  const client = new Redis(process.env.REDIS_URL!, options);
  client.on("error", () => {}); // outages are expected in some tests; the cache logs them
  return client;
}

export async function deleteNamespace(client: Redis, namespace: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${namespace}:*`, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await client.unlink(...keys);
  } while (cursor !== "0");
}

export async function keysOf(client: Redis, namespace: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await client.scan(cursor, "MATCH", `${namespace}:*`, "COUNT", 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== "0");
  return found.sort();
}

export function recordingLogger(): CacheLogger & { messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (message) => void messages.push(message) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export { PrivateRedis } from "../../helpers/private-redis";

// The library's 100 ms command timeout is for production; on a busy test machine a slow
// answer would turn a HIT into a fail-open miss. Tests not about timeouts are more patient.
export const patient = { commandTimeoutMs: 2000 } as const;
