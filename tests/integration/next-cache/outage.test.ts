// Redis away: both handlers answer a get with a miss (the library's 100 ms command timeout, then
// its open circuit, after which Redis is not asked at all), writes and tag updates give up the
// same way, and caching resumes when Redis is back. A private redis-server is stopped; the
// shared one never.
import { once } from "node:events";
import { Redis } from "ioredis";
import type { CacheHandlerContext } from "next/dist/server/lib/incremental-cache";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createIncrementalHandlerClass,
  createUseCacheHandler,
  NextCacheStore,
} from "@/lib/next-cache";
import { PrivateRedis } from "@/tests/helpers/private-redis";
import { recordingLogger } from "../../helpers/logger";
import { entry, textOf } from "./helpers";

const server = new PrivateRedis();
let redis: Redis;
let store: NextCacheStore;
const logger = recordingLogger();
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
  store = new NextCacheStore({ redis, namespace: "outage", logger });
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

describe("Redis down", () => {
  it("is a miss for 'use cache' and ISR, then Redis is not asked, and caching resumes afterwards", async () => {
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
      expect(await handler.get("k", ["_N_T_/"])).toBeUndefined();
      expect(await isr.get("/posts/1", { kind: "APP_PAGE" })).toBeNull();
    }
    // The circuit is open: nothing is sent to Redis, so nothing can wait for it.
    expect(logger.messages.some((m) => m.includes("circuit open"))).toBe(true);
    const sent = vi.spyOn(redis, "sendCommand");
    expect(await handler.get("k", [])).toBeUndefined();
    expect(await isr.get("/posts/1", { kind: "APP_PAGE" })).toBeNull();
    await handler.set("other", Promise.resolve(entry("lost")));
    await handler.updateTags(["t"]);
    await isr.revalidateTag("t");
    expect(sent).not.toHaveBeenCalled();
    sent.mockRestore();

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
