// Forgetting that names what it did: tags (getOrSet's `tags`, forgetTag) and forgetMemoized /
// primeMemoized, which return the Redis keys they deleted, replaced or wrote, for logs that must
// show real keys.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createCache } from "@/lib/cache";
import { deleteNamespace, keysOf, patient, testNamespace, testRedis } from "../../helpers/redis";

const redis = testRedis();
const namespace = testNamespace("named-forget");
const cache = createCache({ ...patient, redis, namespace });

beforeEach(() => deleteNamespace(redis, namespace));
afterAll(async () => {
  await cache.close();
  await deleteNamespace(redis, namespace);
  redis.disconnect();
});

describe("tags", () => {
  const page = (key: string, value: string) =>
    cache.getOrSet(key, async () => value, { tags: ["pages"], timeout: 60 });

  it("forgetTag deletes every entry written under the tag, and the list, naming them", async () => {
    await cache.set("other", "kept");
    await page("page:1", "one");
    await page("page:2", "two");
    const deleted = await cache.forgetTag("pages");
    expect(deleted?.sort()).toEqual(
      [
        `${namespace}:gen:pages`,
        `${namespace}:tag:pages`,
        `${namespace}:page:1`,
        `${namespace}:page:2`,
      ].sort(),
    );
    // The generation stays: it is what makes an entry the list missed a miss.
    expect((await keysOf(redis, namespace)).sort()).toEqual(
      [`${namespace}:gen:pages`, `${namespace}:other`].sort(),
    );
  });

  it("lists for the next forget an entry written after a forget", async () => {
    await page("page:1", "one");
    await cache.forgetTag("pages");
    await page("page:1", "stored after the forget");
    expect(await cache.forgetTag("pages")).toEqual([
      `${namespace}:gen:pages`,
      `${namespace}:tag:pages`,
      `${namespace}:page:1`,
    ]);
    expect(await cache.has("page:1")).toBe(false);
  });

  it("gives the list the entry's lifetime", async () => {
    await page("page:1", "one");
    const ttl = await redis.pttl(`${namespace}:tag:pages`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});

describe("forgetMemoized and primeMemoized", () => {
  const title = cache.memoize(async (id: number) => `title ${id}`, { name: "title" });

  it("name the entry they deleted or wrote, as it is in Redis", async () => {
    await title(7);
    const [entry] = await keysOf(redis, `${namespace}:memo:{title}:v*`);
    const deleted = await cache.forgetMemoized(title, 7);
    expect(deleted).toBe(entry);
    expect(await redis.exists(entry)).toBe(0);

    const written = await cache.primeMemoized(title, [7], "primed");
    expect(written).toBe(entry);
    expect(await title(7)).toBe("primed");
  });

  it("name the function's version when forgetting every entry", async () => {
    await title(7);
    const before = await redis.get(`${namespace}:memo:version:{title}`);
    expect(await cache.forgetMemoized(title)).toBe(`${namespace}:memo:version:{title}`);
    expect(await redis.get(`${namespace}:memo:version:{title}`)).not.toBe(before);
  });
});
