// Shared by the cache integration tests: a random namespace per file on the test Redis (DB 15),
// key cleanup, a logger that records instead of printing, and a private redis-server that a
// test may stop and start without touching the shared one.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:net";
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

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

// A redis-server of our own on a free loopback port, keeping nothing on disk.
export class PrivateRedis {
  private child: ChildProcess | undefined;
  port = 0;

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const child = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    this.child = child;
    const probe = new Redis({ port: this.port, lazyConnect: true, retryStrategy: () => null });
    probe.on("error", () => {});
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        await probe.connect();
        await probe.ping();
        probe.disconnect();
        return;
      } catch {
        await sleep(50);
      }
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  async ensureRunning(): Promise<void> {
    if (!this.child) await this.start();
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    child.kill("SIGKILL");
    await once(child, "exit");
  }
}

// The library's 100 ms command timeout is for production; on a busy test machine a slow
// answer would turn a HIT into a fail-open miss. Tests not about timeouts are more patient.
export const patient = { commandTimeoutMs: 2000 } as const;
