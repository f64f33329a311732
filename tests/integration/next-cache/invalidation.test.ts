// lib/blog/invalidation/ drives Next's cache too: a change expires the tags of the 'use cache'
// entries it makes wrong, through the handler's own store, with no request and no Next runtime
// (as in the view sweep, warm-up or a route handler, where Next's updateTag is not allowed).
import { describe, expect, it } from "vitest";
import { postEntryTag, tags } from "@/lib/blog-cache/tags";
import { createPost, deletePost, updatePost } from "@/lib/domains/posts/mutations";
import { updateProfile } from "@/lib/domains/users/mutations";
import { createUseCacheHandler } from "@/lib/next-cache";
import { nextCacheStore } from "@/lib/next-cache/app-store";
import { userForFile } from "../../helpers/factories";
import { entry } from "./helpers";

const author = userForFile();

// The blog's handler, as Next's server would have it, over the same store as lib/blog/invalidation/.
const handler = createUseCacheHandler(nextCacheStore());
// Stamped a millisecond back: an update in the entry's own millisecond would not expire it
// (Next's areTagsExpired), and the app's store has the real clock.
const rendered = async (key: string, tags: string[]) => {
  await handler.set(
    key,
    Promise.resolve(entry(`rendered ${key}`, { tags, timestamp: Date.now() - 1 })),
  );
  return key;
};
const served = async (key: string) => (await handler.get(key, [])) !== undefined;

describe("invalidation reaches Next's cache", () => {
  it("an edit expires the feed, the Popular box and the article body; other articles stay", async () => {
    const post = await createPost(author.id, {
      title: "Rendered once",
      content: "The body, rendered into Next's cache.",
    });
    const other = await createPost(author.id, {
      title: "Left alone",
      content: "Another body, not edited at all.",
    });
    const keys = await Promise.all([
      rendered(`feed-${post.id}`, [tags.feed.next]),
      rendered(`popular-${post.id}`, [tags.popular.next]),
      rendered(`body-${post.id}`, [postEntryTag(post.id)]),
      rendered(`body-${other.id}`, [postEntryTag(other.id)]),
    ]);
    expect(await Promise.all(keys.map(served))).toEqual([true, true, true, true]);
    await updatePost(post.id, author.id, { title: "Rendered twice" });
    expect(await Promise.all(keys.map(served))).toEqual([false, false, false, true]);
  });

  it("a new post expires the feed; a deletion the feed, the body and the leaderboard", async () => {
    const feed = await rendered("feed-before-create", [tags.feed.next]);
    const post = await createPost(author.id, {
      title: "Fresh on the feed",
      content: "Published, so the feed changes.",
    });
    expect(await served(feed)).toBe(false);
    const keys = await Promise.all([
      rendered(`body-${post.id}-2`, [postEntryTag(post.id)]),
      rendered("board", [tags.leaderboard.next]),
    ]);
    await deletePost(post.id, author.id);
    expect(await Promise.all(keys.map(served))).toEqual([false, false]);
  });

  it("a profile edit expires the feed and the leaderboard, where the author's name shows", async () => {
    const keys = await Promise.all([
      rendered("feed-names", [tags.feed.next]),
      rendered("board-names", [tags.leaderboard.next]),
    ]);
    await updateProfile(author.id, { name: "Renamed Author", bio: "" });
    expect(await Promise.all(keys.map(served))).toEqual([false, false]);
  });
});
