import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { warmCache } from "@/lib/blog/warm";
import { caches } from "@/lib/blog-cache/caches";
import { createPost } from "@/lib/domains/posts/mutations";
import { feedPageKey, getFeedPage, POPULAR_KEY } from "@/lib/domains/posts/queries";
import { traced } from "@/lib/platform/request-trace";

import { deleteUsers, makeUser } from "../../helpers/factories";
import { testRedis } from "../../helpers/redis";

const redis = testRedis();
let authorId: number;
// An author who has just published: warming covers the most recently active authors.
beforeAll(async () => {
  authorId = (await makeUser()).id;
  await createPost(authorId, {
    title: "Just published",
    content: "The newest article on the site.",
  });
});
afterAll(async () => {
  redis.disconnect();
  await deleteUsers(authorId);
});

describe("cache warming", () => {
  it("fills the feed and popular posts so the first reader gets a HIT", async () => {
    await caches().feed.deleteMany([feedPageKey(1), feedPageKey(2)]);
    await caches().popular.delete(POPULAR_KEY);
    const result = await warmCache();
    expect(result.warmed).toBe(true);
    expect(result.entries).toBeGreaterThanOrEqual(3 + 1 + 4); // feed pages, popular posts, an author's four
    expect(await caches().popular.has(POPULAR_KEY)).toBe(true);
    const { trace } = await traced(() => getFeedPage(2));
    expect(trace.cache.map((e) => e.result)).toEqual(["HIT"]);
  });

  it("runs in one process at a time", async () => {
    const results = await Promise.all([warmCache(), warmCache(), warmCache()]);
    expect(results.filter((r) => r.warmed)).toHaveLength(1);
    expect(await redis.exists("lock:warm")).toBe(0);
  });
});
