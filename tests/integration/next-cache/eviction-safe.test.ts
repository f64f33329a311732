// Next's cache on a Redis that evicts (the cache role: maxmemory, allkeys-lru): a tag's record
// lost after updateTag / revalidateTag / revalidatePath costs misses, never an entry made before
// the update. A private redis-server of 2 MB, filled until Redis evicts the record for real; then
// the cases eviction can make but a fill cannot aim at (the record and the latest mark both gone,
// a soft tag's record, the ISR handler), with the records deleted as eviction would.
// docs/decisions/029-eviction-safe-invalidation.md

import { Redis } from "ioredis";
import type { CacheHandlerContext } from "next/dist/server/lib/incremental-cache";
import type { IncrementalCacheValue } from "next/dist/server/response-cache/types";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createIncrementalHandlerClass, createUseCacheHandler } from "@/lib/next-cache";
import { EvictingRedis } from "../../helpers/evicting-redis";
import { testNamespace } from "../../helpers/redis";
import { entry, storeOn, textOf } from "./helpers";

const server = new EvictingRedis();
let redis: Redis;
// The stores' clock, moved by the tests: an entry is made, then the update comes a moment later.
let time = Date.now();

beforeAll(async () => {
  await server.start();
  redis = new Redis(server.url);
});
beforeEach(async () => {
  await redis.flushall(); // the server is the tests' own: not left full of fillers
  time = Date.now();
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

function useCache() {
  const store = storeOn(redis, testNamespace("next-evict"), { now: () => time });
  return { store, handler: createUseCacheHandler(store) };
}

// A 'use cache' entry under `tags` made the way Next makes one: a get that misses, then the set.
async function rendered(
  handler: ReturnType<typeof useCache>["handler"],
  text: string,
  tags: string[],
) {
  expect(await handler.get("k", [])).toBeUndefined();
  await handler.set("k", Promise.resolve(entry(text, { tags, timestamp: time })));
}

describe("a tag whose record Redis lost after the update", () => {
  it("expires its entries when Redis evicted the record", async () => {
    const { store, handler } = useCache();
    await rendered(handler, "before the edit", ["post:1"]);
    expect(await textOf(await handler.get("k", []))).toBe("before the edit");
    time += 1;
    await handler.updateTags(["post:1"]);

    await server.evictUntilGone(
      redis,
      [store.tags.key("post:1")],
      [store.entryKey("use-cache", "k")],
    );
    expect(await handler.get("k", [])).toBeUndefined();
    time += 1;
    await rendered(handler, "after the edit", ["post:1"]);
    expect(await textOf(await handler.get("k", []))).toBe("after the edit");
  });

  it("expires its entries when the latest mark is lost with it", async () => {
    const { store, handler } = useCache();
    await rendered(handler, "before the edit", ["post:1", "feed"]);
    time += 1;
    await handler.updateTags(["post:1"], { expire: 0 }); // revalidateTag(tag, { expire: 0 })
    // The record and the latest mark (store.tags.latestKey()) both lost.
    await redis.del(store.tags.key("post:1"), `${store.namespace}:tags:latest`);
    expect(await handler.get("k", [])).toBeUndefined();
  });

  it("expires them at once when another tag expires later (revalidateTag with a profile)", async () => {
    const { store, handler } = useCache();
    await rendered(handler, "before the edit", ["post:1"]);
    time += 1;
    await handler.updateTags(["post:1"]);
    await handler.updateTags(["feed"], { expire: 3600 }); // the feed expires in an hour
    await redis.del(store.tags.key("post:1"));
    expect(await handler.get("k", [])).toBeUndefined();
  });

  it("expires entries read under a soft tag (revalidatePath) whose record was lost", async () => {
    const { store, handler } = useCache();
    await rendered(handler, "the post's page", []);
    expect(await textOf(await handler.get("k", ["_N_T_/posts/1"]))).toBe("the post's page");
    time += 1;
    await handler.updateTags(["_N_T_/posts/1"]);
    await redis.del(store.tags.key("_N_T_/posts/1"));
    expect(await handler.get("k", ["_N_T_/posts/1"])).toBeUndefined();
  });

  it("expires an ISR page whose tag's record was lost", async () => {
    const store = storeOn(redis, testNamespace("next-evict-isr"), { now: () => time });
    const Handler = createIncrementalHandlerClass(() => store);
    const isr = new Handler({ revalidatedTags: [], _requestHeaders: {} } as CacheHandlerContext);
    const html = {
      kind: "APP_PAGE",
      html: "<p>before the edit</p>",
      rscData: Buffer.from([0]),
      headers: { "x-next-cache-tags": "post:1" },
      status: 200,
      segmentData: new Map(),
    } as unknown as IncrementalCacheValue;
    const context = { kind: "APP_PAGE", isFallback: false } as const;
    expect(await isr.get("/posts/1", context)).toBeNull();
    await isr.set("/posts/1", html, { cacheControl: { revalidate: 60, expire: 3600 } });
    expect(await isr.get("/posts/1", context)).not.toBeNull();
    time += 1;
    await isr.revalidateTag("post:1");
    await redis.del(store.tags.key("post:1"));
    expect(await isr.get("/posts/1", context)).toBeNull();
  });
});
