import "server-only";
import { getComments } from "@/lib/domains/comments/queries";
import { findPostBySlug, visibleTo } from "@/lib/domains/posts/queries";
import type { PublicUser } from "@/lib/domains/users/queries";
import { liveViews } from "@/lib/domains/view-counts/counter";

// The article page's data. Warm: the post by slug, then the live view count and the comments
// (together, by id): two Redis round trips, no SQL. The rendered body is the same for every
// reader: a 'use cache' component (app/_cached/ArticleBody.tsx) loads and renders it. Nothing is
// counted here: a render also happens for a prefetch, and a page from the page cache is not
// rendered at all. The browser counts the view once the page is shown (components/ViewBeacon.tsx).
export async function loadArticle(slug: string, viewer: PublicUser | null) {
  const post = visibleTo(await findPostBySlug(slug), viewer?.id);
  if (!post) return null;
  const [views, comments] = await Promise.all([
    post.published ? liveViews(post.id) : post.viewCount,
    getComments(post.id),
  ]);
  return { post, views, comments };
}
