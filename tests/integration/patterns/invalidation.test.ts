import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDashboard } from "@/lib/blog/dashboard";
import { loadArticle } from "@/lib/blog/pages/article";
import { getSidebarHtml } from "@/lib/blog/sidebar";
import { caches } from "@/lib/blog-cache/caches";
import { addComment } from "@/lib/domains/comments/mutations";
import { getComments } from "@/lib/domains/comments/queries";
import { createPost, deletePost, updatePost } from "@/lib/domains/posts/mutations";
import { getFeedPage, getPost, getPostBySlug, getPostsByAuthor } from "@/lib/domains/posts/queries";
import { getArticleHtml } from "@/lib/domains/posts/rendered";
import { updateProfile } from "@/lib/domains/users/mutations";
import { getUser, getUserStatistics, type PublicUser } from "@/lib/domains/users/queries";
import { traced } from "@/lib/platform/request-trace";
import { deleteUsers, makeUser } from "../../helpers/factories";

let author: PublicUser;
let reader: PublicUser;
beforeAll(async () => {
  [author, reader] = [await makeUser(), await makeUser()];
});
afterAll(() => deleteUsers(author.id, reader.id));

const article = (title: string) => ({ title, content: `The body of ${title}, long enough.` });

describe("write-through and invalidation", () => {
  it("a new post is cached at once and is first on the (already cached) feed", async () => {
    await getFeedPage(1);
    await getPostsByAuthor(author.id, false);
    const post = await createPost(author.id, article("Written through"));
    const { value, trace } = await traced(async () => [
      await getPost(post.id),
      await getPostBySlug(post.slug),
    ]);
    expect(value.map((p) => p?.id)).toEqual([post.id, post.id]);
    expect(trace.sql).toBe(0);
    expect((await getFeedPage(1)).posts[0].id).toBe(post.id);
    expect((await getPostsByAuthor(author.id, false)).map((p) => p.id)).toContain(post.id);
  });

  it("an edit is visible everywhere at once: post, rendered HTML, feed, author's statistics", async () => {
    const post = await createPost(author.id, article("Before the edit"));
    await loadArticle(post.slug, null);
    await getUserStatistics(author.id);
    await updatePost(post.id, author.id, {
      title: "After the edit",
      content: "## Fresh heading\n\nNew words here.",
    });
    const page = await loadArticle(post.slug, null);
    expect(page?.post.title).toBe("After the edit");
    expect(await getArticleHtml(post.slug)).toContain("<h2>Fresh heading</h2>");
    expect((await getFeedPage(1)).posts.find((p) => p.id === post.id)?.title).toBe(
      "After the edit",
    );
    await updatePost(post.id, author.id, { published: false });
    expect((await getFeedPage(1)).posts.map((p) => p.id)).not.toContain(post.id);
  });

  it("a deleted post is gone from the cache too", async () => {
    const post = await createPost(author.id, article("Soon deleted"));
    await loadArticle(post.slug, null);
    await deletePost(post.id, author.id);
    expect(await getPostBySlug(post.slug)).toBeNull();
    expect(await loadArticle(post.slug, null)).toBeNull();
    expect((await getFeedPage(1)).posts.map((p) => p.id)).not.toContain(post.id);
  });

  it("a profile edit shows at once in the user, the sidebar fragment, posts and comments", async () => {
    const post = await createPost(author.id, article("By the renamed author"));
    await addComment(post.id, author.id, { content: "A note from the author" });
    await Promise.all([
      getUser(author.id),
      getPost(post.id),
      getComments(post.id),
      getSidebarHtml(author),
    ]);
    await updateProfile(author.id, { name: "Renamed Author", bio: "A new bio <script>" });
    const renamed = (await getUser(author.id))!;
    expect(renamed.name).toBe("Renamed Author");
    const sidebar = await getSidebarHtml(renamed);
    expect(sidebar).toContain("Renamed Author");
    expect(sidebar).toContain("A new bio &lt;script&gt;");
    expect((await getPost(post.id))?.author.name).toBe("Renamed Author");
    expect((await getComments(post.id))[0].author.name).toBe("Renamed Author");
  });

  it("a comment refreshes the post's comments and its author's dashboard", async () => {
    const post = await createPost(author.id, article("Commented"));
    await Promise.all([getComments(post.id), getDashboard(author.id)]);
    await addComment(post.id, reader.id, { content: "Hello from a reader" });
    expect((await getComments(post.id)).map((c) => c.content)).toEqual(["Hello from a reader"]);
    expect((await getDashboard(author.id)).recentComments[0].content).toBe("Hello from a reader");
  });
});

describe("per-user caching", () => {
  it("keeps one dashboard per user, under the user's id", async () => {
    await createPost(author.id, article("Only on the author's dashboard"));
    const [mine, theirs] = [await getDashboard(author.id), await getDashboard(reader.id)];
    expect(mine.posts.length).toBeGreaterThan(0);
    expect(theirs.posts).toEqual([]);
    expect(await caches().userPage.has(`dashboard:user:${author.id}`)).toBe(true);
    expect(await caches().userPage.has(`dashboard:user:${reader.id}`)).toBe(true);
  });
});
