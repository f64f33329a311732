import "server-only";
import { getComments } from "@/lib/comments/queries";
import { getArticleHtml } from "@/lib/posts/rendered";
import { isSlug } from "@/lib/posts/slug";
import { getPostBySlug, visibleTo } from "@/lib/posts/queries";
import type { PublicUser } from "@/lib/users/queries";
import { liveViews } from "@/lib/views/counter";

// The article page's data. Warm: the post and its HTML (asked for together by slug), then the
// live view count and the comments (together, by id): two Redis round trips, no SQL. Nothing is
// counted here: a render also happens for a prefetch, and a page from the page cache is not
// rendered at all. The browser counts the view once the page is shown (components/ViewBeacon.tsx).
export async function loadArticle(slug: string, viewer: PublicUser | null) {
  if (!isSlug(slug)) return null;
  const [found, html] = await Promise.all([getPostBySlug(slug), getArticleHtml(slug)]);
  const post = visibleTo(found, viewer?.id);
  if (!post || html === null) return null;
  const [views, comments] = await Promise.all([post.published ? liveViews(post.id) : post.viewCount, getComments(post.id)]);
  return { post, html, views, comments };
}
