import "server-only";
import { caches } from "@/lib/blog-cache/caches";
import { findPostBySlug } from "@/lib/domains/posts/queries";
import { isProvisional, renderMarkdown } from "@/lib/markdown";

export const articleHtmlKey = (slug: string) => `post:${slug}`;

/**
 * The article body rendered from markdown to safe HTML, cached 300 s by slug (so the page can ask
 * for it at the same time as the post itself). The live view count is not part of it. A body
 * that could not be rendered (too slow, it threw, its HTML too large) is cached as escaped text
 * like any other, so the next visit costs nothing; one turned away because every render worker
 * was busy is shown as text but not cached (isProvisional), so a later visit renders it.
 */
export function getArticleHtml(slug: string): Promise<string | null> {
  return caches().html.getOrSet(
    articleHtmlKey(slug),
    async () => {
      const post = await findPostBySlug(slug);
      return post ? (await renderMarkdown(post.content)).html : null;
    },
    { shouldCache: (html) => html === null || !isProvisional(html) },
  );
}

/** Write-through of an edited body's HTML; when no worker was free, the old HTML is forgotten instead. */
export async function storeArticleHtml(slug: string, content: string): Promise<boolean> {
  const { html, failure } = await renderMarkdown(content);
  if (failure === "busy") return caches().html.delete(articleHtmlKey(slug));
  return caches().html.set(articleHtmlKey(slug), html);
}
