import "server-only";
import { caches } from "@/lib/blog-cache/caches";
import { SEARCH_RESULTS_GROUP } from "@/lib/blog-cache/tags";
import type { CacheResult } from "@/lib/cache";
import { type SearchHit, searchPostgres } from "@/lib/domains/search/queries";

// Every cached result belongs to one group: a post published, edited, unpublished or deleted
// (lib/blog/invalidation/) forgets them all in one INCR, however many queries are cached.

export const searchKey = (query: string, version: string) => `query:v${version}:${query}`;

/**
 * Search results cached per normalized query (see normalizeQuery) for 60 s: the same search from
 * anyone within a minute is one Redis read, until a post changes.
 */
export async function searchPosts(
  query: string,
): Promise<{ hits: SearchHit[]; cache: CacheResult }> {
  const version = await caches().search.groupVersion(SEARCH_RESULTS_GROUP);
  // Without the version an entry could be one that a change has since forgotten: not cached.
  if (version === null) return { hits: await searchPostgres(query), cache: "ERROR" };
  const { value, result } = await caches().search.getOrSetWithResult(
    searchKey(query, version),
    () => searchPostgres(query),
  );
  return { hits: value, cache: result };
}
