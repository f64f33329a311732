import "server-only";
import { articlePath, trackPageView } from "@/lib/analytics";
import { getComments } from "@/lib/comments/queries";
import { getArticleHtml } from "@/lib/posts/rendered";
import { isSlug } from "@/lib/posts/slug";
import { getPostBySlug, visibleTo } from "@/lib/posts/queries";
import type { PublicUser } from "@/lib/users/queries";
import { recordView } from "@/lib/views/counter";

// The article page's data. Warm: the post and its HTML (asked for together by slug), then the
// live view count and the comments (together, by id): three Redis round trips, no SQL. The page
// view for analytics and the leaderboard scores ride in the second batch.
export async function loadArticle(slug: string, viewer: PublicUser | null) {
  if (!isSlug(slug)) return null;
  const [found, html] = await Promise.all([getPostBySlug(slug), getArticleHtml(slug)]);
  const post = visibleTo(found, viewer?.id);
  if (!post || html === null) return null;
  // Drafts are read by their author only; those reads are not views.
  if (post.published) trackPageView(articlePath(post.slug));
  const [views, comments] = await Promise.all([
    post.published ? recordView(post) : post.viewCount,
    getComments(post.id),
  ]);
  return { post, html, views, comments };
}
