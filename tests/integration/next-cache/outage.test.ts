// Redis away: both handlers answer a get with a miss within 200 ms (the library's 100 ms
// command timeout, then its open circuit), writes and tag updates give up just as fast, and
// caching resumes when Redis is back. A private redis-server is stopped; the shared one never.
import { once } from "node:events";
import { Redis } from "ioredis";
import type { CacheHandlerContext } from "next/dist/server/lib/incremental-cache";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createIncrementalHandlerClass,
  createUseCacheHandler,
  NextCacheStore,
} from "@/lib/next-cache";
import { PrivateRedis } from "@/tests/helpers/private-redis";
import { recordingLogger } from "../cache/helpers";
import { entry, textOf } from "./helpers";

const server = new PrivateRedis();
let redis: Redis;
let store: NextCacheStore;
beforeAll(async () => {
  await server.start();
  // The app's client options (lib/redis/client.ts): one retry, an offline queue, auto-pipelining.
  redis = new Redis({
    port: server.port,
    host: "127.0.0.1",
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
    commandTimeout: 500,
  });
  redis.on("error", () => {});
  await once(redis, "ready");
  store = new NextCacheStore({ redis, namespace: "outage", logger: recordingLogger() });
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

async function within200ms<T>(call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await call();
  expect(performance.now() - started).toBeLessThan(200);
  return value;
}

describe("Redis down", () => {
  it("is a miss in under 200 ms for 'use cache' and ISR, and caching resumes afterwards", async () => {
    const handler = createUseCacheHandler(store);
    const Incremental = createIncrementalHandlerClass(() => store);
    const isr = new Incremental({
      revalidatedTags: [],
      _requestHeaders: {},
    } as unknown as CacheHandlerContext);
    await handler.set("k", Promise.resolve(entry("cached")));
    expect(await textOf(await handler.get("k", []))).toBe("cached");

    await server.stop();
    for (let i = 0; i < 8; i++) {
      expect(await within200ms(() => handler.get("k", ["_N_T_/"]))).toBeUndefined();
      expect(await within200ms(() => isr.get("/posts/1", { kind: "APP_PAGE" }))).toBeNull();
    }
    await within200ms(() => handler.set("other", Promise.resolve(entry("lost"))));
    await within200ms(() => handler.updateTags(["t"]));
    await within200ms(() => isr.revalidateTag("t"));

    await server.start();
    await expect.poll(() => redis.status, { timeout: 10_000 }).toBe("ready");
    await expect
      .poll(
        async () => {
          await handler.set("again", Promise.resolve(entry("back")));
          return textOf(await handler.get("again", []));
        },
        { timeout: 10_000 },
      )
      .toBe("back");
  });
});
