// The cache library's invalidation records on a Redis that evicts (the cache role: maxmemory with
// allkeys-lru or allkeys-lfu): a record that Redis drops after an invalidation costs misses,
// never the value the invalidation was for. Each test fills a private redis-server of 2 MB until
// Redis itself has evicted the record, keeping the entry written before the invalidation alive
// (read after every filler, as a hot entry is), then reads again.
// docs/decisions/029-eviction-safe-invalidation.md
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Cache, createCache } from "@/lib/cache";
import { EvictingRedis, evictedKeys } from "../../helpers/evicting-redis";
import { keysMatching, patient, testNamespace } from "../../helpers/redis";

const servers = {
  "allkeys-lru": new EvictingRedis("allkeys-lru"),
  "allkeys-lfu": new EvictingRedis("allkeys-lfu"),
};
const clients = new Map<string, Redis>();
const caches: Cache[] = [];

beforeAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.start()));
  for (const [policy, server] of Object.entries(servers))
    clients.set(policy, new Redis(server.url));
});
// The servers are the tests' own: each test starts from an empty one, not one full of fillers.
beforeEach(() => Promise.all([...clients.values()].map((client) => client.flushall())));
afterAll(async () => {
  await Promise.all(caches.map((cache) => cache.close()));
  for (const client of clients.values()) client.disconnect();
  await Promise.all(Object.values(servers).map((server) => server.stop()));
});

function cacheOn(policy: keyof typeof servers, label: string) {
  const redis = clients.get(policy)!;
  const namespace = testNamespace(label);
  const cache = createCache({ ...patient, redis, namespace, logger: { warn: () => {} } });
  caches.push(cache);
  const evictUntilGone = (gone: string[], keep: string[]) =>
    servers[policy].evictUntilGone(redis, gone, keep);
  return { redis, namespace, cache, evictUntilGone };
}

describe.each(["allkeys-lru", "allkeys-lfu"] as const)("on a Redis with %s", (policy) => {
  it("a memoized function's version evicted after deleteMemoized is made new, never an old one", async () => {
    const { redis, namespace, cache, evictUntilGone } = cacheOn(policy, "evict-memo");
    let title = "before the edit";
    const getTitle = cache.memoize(async (id: number) => `${title} (${id})`, { name: "getTitle" });
    expect(await getTitle(1)).toBe("before the edit (1)");
    title = "after the edit";
    expect(await cache.deleteMemoized(getTitle)).toBe(true);
    const [oldEntry] = await keysMatching(redis, `${namespace}:memo:{getTitle}:*`);

    await evictUntilGone([`${namespace}:memo:version:{getTitle}`], [oldEntry]);
    expect(await evictedKeys(redis)).toBeGreaterThan(0);
    expect(await redis.exists(oldEntry)).toBe(1);
    expect(await getTitle(1)).toBe("after the edit (1)");
  });
});

describe("on a Redis with allkeys-lru", () => {
  it("a group's version evicted after forgetGroup is made new, never an old one", async () => {
    const { redis, namespace, cache, evictUntilGone } = cacheOn("allkeys-lru", "evict-group");
    let body = "the list before";
    const GET = cache.cached(async () => new Response(body), { group: "list" });
    const list = async () => (await GET(new Request("http://blog.test/list"), {})).text();
    expect(await list()).toBe("the list before");
    body = "the list after";
    expect(await cache.forgetGroup("list")).toBe(true);
    const [oldEntry] = await keysMatching(redis, `${namespace}:view:/list*`);

    await evictUntilGone([`${namespace}:group:list:version`], [oldEntry]);
    expect(await redis.exists(oldEntry)).toBe(1);
    expect(await list()).toBe("the list after");
  });

  it("forgetTag holds when Redis evicted the tag's list, and then its generation", async () => {
    const { redis, namespace, cache, evictUntilGone } = cacheOn("allkeys-lru", "evict-tag");
    let text = "page one before";
    const page = () => cache.getOrSet("feed:page:1", async () => text, { tags: ["pages"] });
    expect(await page()).toBe("page one before");
    text = "page one after";
    const entry = `${namespace}:feed:page:1`;

    // The list is lost before the change: forgetTag can delete nothing.
    await evictUntilGone([`${namespace}:tag:pages`], [entry]);
    expect(await cache.forgetTag("pages")).not.toBeNull();
    expect(await redis.exists(entry)).toBe(1);
    // And the generation the forget made is lost too.
    await evictUntilGone([`${namespace}:gen:pages`], [entry]);
    expect(await page()).toBe("page one after");
    expect(await page()).toBe("page one after");
  });
});
