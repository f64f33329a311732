// A page rendered while a change is being invalidated must not outlive the invalidation. The
// page's data caches are forgotten first, then its pages purged: a page rendered in between
// from the old cached data is deleted by that purge. Driven by holding the invalidation just
// before it forgets the feed's cache (lib/blog/invalidation/ forgetFeed), which then runs as usual.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postChanged } from "@/lib/blog/invalidation";
import { caches } from "@/lib/blog-cache/caches";
import { createPost } from "@/lib/domains/posts/mutations";
import { getFeedPage } from "@/lib/domains/posts/queries";
import type { PublicUser } from "@/lib/domains/users/queries";
import { db } from "@/lib/platform/db";
import { deferred } from "../../helpers/async";
import { deleteUsers, makeUser, unique } from "../../helpers/factories";
import { testRedis } from "../../helpers/redis";
import {
  clearPageCache,
  FakeApp,
  type Front,
  get,
  newBuildId,
  newToken,
  startFront,
} from "./harness";

const redis = testRedis();
let author: PublicUser;
let app: FakeApp;
let front: Front;

beforeAll(async () => {
  await clearPageCache(redis);
  author = await makeUser();
  app = new FakeApp(newToken());
  // The home page as the app renders it: the titles of the feed's first page, from its cache.
  app.on("/", async (_req, res) => {
    const feed = await getFeedPage(1);
    res
      .writeHead(200, { "content-type": "text/html" })
      .end(feed.posts.map((post) => `<h2>${post.title}</h2>`).join(""));
  });
  front = await startFront(app, { buildId: newBuildId() });
});
afterAll(async () => {
  await front.close();
  await deleteUsers(author.id);
  await clearPageCache(redis);
  await redis.quit();
});

describe("the order of an invalidation", () => {
  it("leaves no page rendered from the old data while the data caches were still being forgotten", async () => {
    const oldTitle = unique("Old title");
    const newTitle = unique("New title");
    const post = await createPost(author.id, {
      title: oldTitle,
      content: "The feed cache holds this title.",
    });
    expect((await getFeedPage(1)).posts[0].title).toBe(oldTitle); // cached
    await db.post.update({ where: { id: post.id }, data: { title: newTitle } }); // committed; caches not told yet

    const feed = caches().feed;
    const forgetTag = feed.forgetTag.bind(feed);
    const reached = deferred();
    const release = deferred();
    feed.forgetTag = async (name) => {
      reached.resolve();
      await release.promise;
      return forgetTag(name);
    };
    try {
      const invalidation = postChanged({ ...post, title: newTitle });
      // The feed's cache is about to be forgotten, and waits.
      await reached.promise;
      // A reader now: the page is rendered from the feed cache, which still has the old title.
      const during = await get(front.origin, "/");
      expect(during.body.toString()).toContain(oldTitle);
      release.resolve();
      await invalidation;
    } finally {
      feed.forgetTag = forgetTag;
    }
    const after = await get(front.origin, "/");
    expect(after.body.toString()).toContain(newTitle);
    expect(after.body.toString()).not.toContain(oldTitle);
  });
});
