// Full text search over published posts (Postgres tsvector + GIN), cached per normalized query.

export { type Segment, segmentsToHtml } from "@/lib/search/highlight";
export { MAX_QUERY_LENGTH, normalizeQuery, parseSearchQuery } from "@/lib/search/query";
export {
  SEARCH_LIMIT,
  SEARCH_RESULTS_GROUP,
  type SearchHit,
  searchPosts,
} from "@/lib/search/search";
