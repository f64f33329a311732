import "server-only";
import { caches } from "@/lib/caches";
import { renderMarkdown } from "@/lib/markdown";
import { getPostBySlug } from "@/lib/posts/queries";

export const articleHtmlKey = (slug: string) => `post:${slug}`;

/**
 * The article body rendered from markdown to safe HTML, cached 300 s by slug (so the page can ask
 * for it at the same time as the post itself). The live view count is not part of it.
 */
export function getArticleHtml(slug: string): Promise<string | null> {
  return caches().html.getOrSet(articleHtmlKey(slug), async () => {
    const post = await getPostBySlug(slug);
    return post ? renderMarkdown(post.content) : null;
  });
}
