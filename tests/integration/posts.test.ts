import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addComment, deleteComment } from "@/lib/domains/comments/mutations";
import { getComments } from "@/lib/domains/comments/queries";
import { createPost, deletePost, updatePost } from "@/lib/domains/posts/mutations";
import { FEED_PAGE_SIZE, getFeedPage, getPost, visibleTo } from "@/lib/domains/posts/queries";
import type { PublicUser } from "@/lib/domains/users/queries";
import { db } from "@/lib/platform/db";
import { caught } from "../helpers/errors";
import { deleteUsers, makeUser } from "../helpers/factories";

let author: PublicUser;
let other: PublicUser;
beforeAll(async () => {
  [author, other] = [await makeUser(), await makeUser()];
});
afterAll(() => deleteUsers(author.id, other.id));

const article = {
  title: "Caching, measured",
  content: "## Why\n\nBecause **latency** matters a lot.",
};

describe("posts", () => {
  it("creates a published post with a unique slug and an excerpt from the content", async () => {
    const [a, b] = [await createPost(author.id, article), await createPost(author.id, article)];
    expect(a.slug).toMatch(/^caching-measured-[0-9a-f]{6}$/);
    expect(a.slug).not.toBe(b.slug);
    expect(a).toMatchObject({
      published: true,
      excerpt: "Why Because latency matters a lot.",
      author: { id: author.id },
    });
    expect(a.publishedAt).toBeInstanceOf(Date);
  });

  it("puts the newest published post first in the feed, 20 per page", async () => {
    const post = await createPost(author.id, { ...article, title: "Newest of all" });
    const feed = await getFeedPage(1);
    expect(feed.posts[0].id).toBe(post.id);
    expect(feed.posts.length).toBeLessThanOrEqual(FEED_PAGE_SIZE);
    expect(feed.pages).toBe(Math.ceil(feed.total / FEED_PAGE_SIZE));
    const dates = feed.posts.map((p) => p.publishedAt!.getTime());
    expect(dates).toEqual([...dates].sort((x, y) => y - x));
  });

  it("hides drafts from everyone but their author, and publishes them later", async () => {
    const draft = await createPost(author.id, { ...article, published: false });
    expect(draft.publishedAt).toBeNull();
    expect((await getFeedPage(1)).posts.map((p) => p.id)).not.toContain(draft.id);
    expect(visibleTo(await getPost(draft.id), other.id)).toBeNull();
    expect(visibleTo(await getPost(draft.id), author.id)?.id).toBe(draft.id);
    const published = await updatePost(draft.id, author.id, { published: true });
    expect(published.publishedAt).toBeInstanceOf(Date);
  });

  it("lets only the author change or delete a post", async () => {
    const post = await createPost(author.id, article);
    expect((await caught(updatePost(post.id, other.id, { title: "Hijacked" }))).status).toBe(403);
    expect((await caught(deletePost(post.id, other.id))).status).toBe(403);
    expect((await getPost(post.id))!.title).toBe(article.title);
    const updated = await updatePost(post.id, author.id, {
      content: "Fresh content that is long enough.",
    });
    expect(updated.excerpt).toBe("Fresh content that is long enough.");
    await deletePost(post.id, author.id);
    expect(await getPost(post.id)).toBeNull();
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const before = await db.post.count();
    const error = await caught(createPost(author.id, { title: "", content: "short" }));
    expect(error.status).toBe(400);
    expect(Object.keys(error.fields!).sort()).toEqual(["content", "title"]);
    const post = await createPost(author.id, article);
    expect((await caught(updatePost(post.id, author.id, {}))).status).toBe(400);
    expect((await caught(updatePost(post.id, author.id, { authorId: other.id }))).status).toBe(400);
    expect(await db.post.count()).toBe(before + 1);
  });

  it("stores SQL-looking text as text", async () => {
    const title = "Robert'); DROP TABLE posts;--";
    const post = await createPost(author.id, { title, content: "' OR 1=1; -- and more words" });
    expect((await getPost(post.id))!.title).toBe(title);
  });

  it("keeps comments in order and lets their author or the post's author delete them", async () => {
    const post = await createPost(author.id, article);
    const first = await addComment(post.id, other.id, { content: "First!" });
    const second = await addComment(post.id, author.id, { content: "Thanks" });
    expect((await getComments(post.id)).map((c) => c.id)).toEqual([first.id, second.id]);
    expect((await caught(deleteComment(second.id, other.id))).status).toBe(403);
    await deleteComment(first.id, author.id);
    expect((await getComments(post.id)).map((c) => c.id)).toEqual([second.id]);
    expect((await caught(addComment(post.id, other.id, { content: "   " }))).fields).toHaveProperty(
      "content",
    );
  });

  it("refuses comments on drafts and missing posts", async () => {
    const draft = await createPost(author.id, { ...article, published: false });
    expect((await caught(addComment(draft.id, other.id, { content: "hi" }))).status).toBe(404);
    expect((await caught(addComment(2_000_000_000, other.id, { content: "hi" }))).status).toBe(404);
  });
});
