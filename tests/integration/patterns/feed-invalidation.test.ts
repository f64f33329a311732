// The feed is forgotten by its tag: no SQL statement (the number of pages used to be counted in
// Postgres), and yet a changed post leaves every feed page that was cached.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invalidate } from "@/lib/blog/invalidation/parts";
import { Invalidation } from "@/lib/blog/invalidation/record";
import { caches } from "@/lib/blog-cache/caches";
import { FEED_PAGES_TAG, tags } from "@/lib/blog-cache/tags";
import { Keys } from "@/lib/cache";
import { createPost } from "@/lib/domains/posts/mutations";
import {
  FEED_PAGE_SIZE,
  feedPageKey,
  getFeedPage,
  getFeedPageWithResult,
  type PostDetail,
} from "@/lib/domains/posts/queries";
import { MAX_CACHED_FEED_PAGE } from "@/lib/domains/posts/schemas";
import type { PublicUser } from "@/lib/domains/users/queries";
import { db } from "@/lib/platform/db";
import { traced } from "@/lib/platform/request-trace";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { testRedis } from "../../helpers/redis";

const redis = testRedis();

let author: PublicUser;
let oldest: PostDetail;
beforeAll(async () => {
  author = await makeUser();
  // More than one page of this author's posts, whatever else the test database holds.
  oldest = await createPost(author.id, { title: "Oldest", content: "The first of many." });
  for (let i = 0; i < FEED_PAGE_SIZE + 1; i++)
    await createPost(author.id, { title: `Newer ${i}`, content: "One more post for the feed." });
});
afterAll(async () => {
  await deleteUsers(author.id);
  redis.disconnect();
});

const onPage = async (page: number) => (await getFeedPage(page)).posts.map((post) => post.id);

describe("forgetting the feed", () => {
  it("asks Postgres nothing, and no cached page shows the changed post", async () => {
    const { pages } = await getFeedPage(1);
    const everyPage = Array.from({ length: pages + 1 }, (_, i) => i + 1);
    const cached = await Promise.all(everyPage.map(onPage));
    expect(cached.flat()).toContain(oldest.id);

    // Unpublished behind the cache's back: only forgetting the feed can take it off the pages.
    await db.post.update({ where: { id: oldest.id }, data: { published: false } });

    const { trace } = await traced(() =>
      invalidate(new Invalidation("test: feed"), [], [tags.feed]),
    );
    expect(trace.sql).toBe(0);
    expect(trace.redisCommands).toBeGreaterThan(0);
    for (const page of everyPage) expect(await onPage(page)).not.toContain(oldest.id);
  });
});

describe("a page number from anyone", () => {
  it("past the cached pages, is read from Postgres, neither stored nor listed under the tag", async () => {
    const far = MAX_CACHED_FEED_PAGE + 1 + Math.floor(Math.random() * 50_000);
    for (const _ of [1, 2]) {
      const { value, result } = await getFeedPageWithResult(far);
      expect(result).toBe("BYPASS");
      expect(value.currentPage).toBe(far);
    }
    expect(await caches().feed.has(feedPageKey(far))).toBe(false);
    // Read, not forgotten: other files' feed pages stay cached.
    const feed = new Keys(caches().feed.namespace);
    const listed = await redis.smembers(feed.tag(FEED_PAGES_TAG));
    expect(listed).not.toContain(feed.value(feedPageKey(far)));
    // The last cached page is still cached.
    await getFeedPage(MAX_CACHED_FEED_PAGE);
    expect((await getFeedPageWithResult(MAX_CACHED_FEED_PAGE)).result).toBe("HIT");
  });
});
