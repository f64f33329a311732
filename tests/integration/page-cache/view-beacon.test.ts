// The view request that the article page sends once it is shown (POST /api/views): one view
// per reader per post within the window, the live count in the answer, and a clear error
// naming `path` for anything that is not a page of the site.
import { describe, expect, it } from "vitest";
import { createPost, updatePost } from "@/lib/domains/posts/mutations";
import { countViewOnce, liveViews } from "@/lib/domains/view-counts/counter";
import { SEEN_WINDOW_SECONDS, seenKey, viewKeys } from "@/lib/domains/view-counts/keys";
import { recordPageView } from "@/lib/domains/view-counts/page-view";
import { db } from "@/lib/platform/db";
import { caught } from "../../helpers/errors";
import { unique, userForFile } from "../../helpers/factories";
import { redisForFile } from "../../helpers/redis";

const redis = redisForFile();
const author = userForFile();

const newPost = () =>
  createPost(author.id, { title: "Viewed article", content: "Counted once per reader." });
const pending = async (id: number) => Number((await redis.get(viewKeys(id).pending)) ?? 0);

describe("countViewOnce", () => {
  it("counts one reader twice as one view, within the window", async () => {
    const post = await newPost();
    const reader = unique("anon:reader");
    expect(await countViewOnce(post, reader)).toEqual({ views: 1, counted: true });
    expect(await countViewOnce(post, reader)).toEqual({ views: 1, counted: false });
    expect(await pending(post.id)).toBe(1);
    const ttl = await redis.ttl(seenKey(post.id, reader));
    expect(ttl).toBeGreaterThan(SEEN_WINDOW_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(SEEN_WINDOW_SECONDS);
  });

  it("counts two readers as two views, and answers the live count to each", async () => {
    const post = await newPost();
    expect(await countViewOnce(post, unique("anon:a"))).toEqual({ views: 1, counted: true });
    expect(await countViewOnce(post, unique("user:b"))).toEqual({ views: 2, counted: true });
    expect(await liveViews(post.id)).toBe(2);
    expect(await pending(post.id)).toBe(2);
  });

  it("counts a reader once per post, not once overall", async () => {
    const [first, second] = [await newPost(), await newPost()];
    const reader = unique("anon:both");
    expect((await countViewOnce(first, reader)).counted).toBe(true);
    expect((await countViewOnce(second, reader)).counted).toBe(true);
  });

  it("counts a reader again once the window has passed", async () => {
    const post = await newPost();
    const reader = unique("anon:later");
    await countViewOnce(post, reader);
    await redis.del(seenKey(post.id, reader)); // what the window's expiry does
    expect(await countViewOnce(post, reader)).toEqual({ views: 2, counted: true });
  });
});

describe("recordPageView", () => {
  it("counts an article's view through the dedupe and answers the live count", async () => {
    const post = await newPost();
    const reader = unique("anon:page");
    expect(await recordPageView(`/posts/${post.slug}`, reader)).toEqual({
      views: 1,
      counted: true,
    });
    expect(await recordPageView(`/posts/${post.slug}`, reader)).toEqual({
      views: 1,
      counted: false,
    });
    expect(await recordPageView(`/posts/${post.slug}`, unique("anon:other"))).toEqual({
      views: 2,
      counted: true,
    });
    expect((await db.post.findUniqueOrThrow({ where: { id: post.id } })).viewCount).toBe(0); // not flushed before the 10th
  });

  it("counts nothing for other pages, and no view for a profile", async () => {
    for (const path of [
      "/",
      "/leaderboard",
      "/search",
      `/u/${author.username}`,
      `/u/${author.username.toUpperCase()}`,
    ]) {
      expect(await recordPageView(path, unique("anon:x")), path).toEqual({});
    }
  });

  it.each([
    ["no path", undefined],
    ["a number", 42],
    ["an object", { path: "/" }],
    ["a path too long", `/posts/${"a".repeat(130)}`],
    ["a path of no page", "/admin"],
    ["a full URL", "http://evil.example/posts/x"],
    ["a slug that cannot be", "/posts/Not A Slug"],
    ["a username that cannot be", "/u/x"],
    ["a query string", "/posts/abc?x=1"],
  ])("refuses %s with a validation error naming path", async (_, path) => {
    const error = await caught(recordPageView(path, unique("anon:bad")));
    expect(error.code).toBe("validation_failed");
    expect(error.status).toBe(400);
    expect(Object.keys(error.fields ?? {})).toEqual(["path"]);
  });

  it("answers not found for an article or profile that does not exist, or is unpublished", async () => {
    expect((await caught(recordPageView("/posts/no-such-article-here", "anon:x"))).code).toBe(
      "not_found",
    );
    expect((await caught(recordPageView("/u/no_such_user_here", "anon:x"))).code).toBe("not_found");
    const draft = await newPost();
    await updatePost(draft.id, author.id, { published: false });
    const error = await caught(recordPageView(`/posts/${draft.slug}`, unique("anon:draft")));
    expect(error.code).toBe("not_found");
    expect(await pending(draft.id)).toBe(0);
  });
});
