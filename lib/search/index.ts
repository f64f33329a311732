// Full text search over published posts (Postgres tsvector + GIN), cached per normalized query.
export { MAX_QUERY_LENGTH, normalizeQuery, parseSearchQuery } from "@/lib/search/query";
export { forgetSearchResults, searchPosts, SEARCH_LIMIT, type SearchHit } from "@/lib/search/search";
export { segmentsToHtml, type Segment } from "@/lib/search/highlight";
