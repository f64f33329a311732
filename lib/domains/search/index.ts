// Full text search over published posts (Postgres tsvector + GIN), cached per normalized query.

export { type Segment, segmentsToHtml } from "@/lib/domains/search/highlight";
export { MAX_QUERY_LENGTH, normalizeQuery, parseSearchQuery } from "@/lib/domains/search/parse";
export { SEARCH_LIMIT, type SearchHit } from "@/lib/domains/search/queries";
export { searchPosts } from "@/lib/domains/search/search";
