// Full text search over published posts (Postgres tsvector + GIN), cached per normalized query.

export { type Segment, segmentsToHtml } from "@/lib/search/highlight";
export { MAX_QUERY_LENGTH, normalizeQuery, parseSearchQuery } from "@/lib/search/parse";
export { SEARCH_LIMIT, type SearchHit } from "@/lib/search/queries";
export { SEARCH_RESULTS_GROUP, searchPosts } from "@/lib/search/search";
