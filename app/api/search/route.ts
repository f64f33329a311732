import {
  parseSearchQuery,
  type SearchHit,
  searchPosts,
  segmentsToHtml,
} from "@/lib/domains/search";
import { json, route } from "@/lib/http/api";
import { withSearchRateLimit } from "@/lib/rate-limit/with-rate-limit";

const toJson = (hit: SearchHit) => ({
  id: hit.id,
  slug: hit.slug,
  title: hit.title.map((s) => s.text).join(""),
  titleHtml: segmentsToHtml(hit.title),
  snippetHtml: segmentsToHtml(hit.snippet),
  author: hit.author,
  publishedAt: hit.publishedAt,
  rank: hit.rank,
});

// GET /api/search?q=...: up to 20 published posts, best match first. `titleHtml` and
// `snippetHtml` are escaped text whose only markup is <mark> around the matches. Limited to 10
// searches a minute per identity (shared with the /search page); results cached 60 s per query.
export const GET = route(
  withSearchRateLimit(async (request: Request) => {
    const query = parseSearchQuery(new URL(request.url).searchParams.get("q"));
    const { hits, cache } = await searchPosts(query);
    return json(
      { query, results: hits.map(toJson) },
      { headers: { "X-Cache": cache === "ERROR" ? "MISS" : cache } },
    );
  }),
);
