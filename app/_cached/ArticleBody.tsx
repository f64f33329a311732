import { cacheLife, cacheTag } from "next/cache";
import { postEntryTag } from "@/lib/blog-cache/tags";
import { getArticleHtml } from "@/lib/domains/posts/rendered";
import { isProvisional } from "@/lib/markdown";

// An article's rendered body, the same for every reader who may see the article (the page checks
// that before rendering this). Kept a day in Next's cache on Redis; an edit or a removal of the
// post expires it at once through its "post:<id>" tag. A body shown as text only because every
// render worker was busy is kept for seconds, so it is rendered again soon.
export async function ArticleBody({ id, slug }: { id: number; slug: string }) {
  "use cache";
  cacheTag(postEntryTag(id));
  const html = (await getArticleHtml(slug)) ?? "";
  if (isProvisional(html)) cacheLife("seconds");
  else cacheLife({ stale: 300, revalidate: 3600, expire: 86_400 });
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by the markdown renderer (lib/markdown), which escapes raw HTML
    <div className="prose" data-testid="article-body" dangerouslySetInnerHTML={{ __html: html }} />
  );
}
