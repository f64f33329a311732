import type { Pattern } from "./pattern";

// Redis beyond caching: sessions, sorted sets, streams, sets, search results, monitoring.
export const beyondCachingPatterns: Pattern[] = [
  {
    id: "sessions",
    name: "Sessions in Redis",
    tutorial: "SESSION_TYPE = 'redis'",
    summary:
      "The cookie seals only a random id; the session lives in Redis with a sliding TTL and can be ended everywhere.",
    files: ["lib/domains/auth/session.ts", "lib/domains/auth/session-store.ts"],
    seeIt: { href: "/settings", label: "Settings → Sign out everywhere" },
  },
  {
    id: "leaderboard",
    name: "Sorted sets: leaderboard and trending",
    tutorial: "ZINCRBY, ZREVRANGE, ZREVRANK: leaderboards",
    summary:
      "Every counted view raises its author's score in lb:authors and its post's in lb:trending:<day> (kept 2 days), in the view counter's round trip. A lost board is rebuilt from Postgres once, under a lock; the users behind the top 10 are one query.",
    files: [
      "lib/domains/leaderboard/record.ts",
      "lib/domains/leaderboard/rebuild.ts",
      "lib/domains/leaderboard/board.ts",
      "lib/domains/leaderboard/queries.ts",
      "app/api/leaderboard/route.ts",
    ],
    seeIt: { href: "/leaderboard", label: "The leaderboard and your rank" },
  },
  {
    id: "analytics",
    name: "Counters: page-view analytics",
    tutorial: "track_page_view(): INCR, EXPIRE",
    summary:
      "Each page view bumps a daily sorted set of pages (analytics:pages:<day>, kept 90 days), an all-time one and a site total, fire-and-forget in the page's own batch. Authors see their articles' readers per day.",
    files: [
      "lib/domains/analytics/track.ts",
      "lib/domains/analytics/queries.ts",
      "lib/blog/dashboard.ts (getArticleViews)",
    ],
    seeIt: { href: "/dashboard", label: "Your dashboard: readers per day" },
  },
  {
    id: "activity",
    name: "Lists and hashes: activity streams",
    tutorial: "LPUSH, LTRIM, HINCRBY: activity feeds",
    summary:
      "Publishing, commenting and following push an entry onto the person's list (LPUSH, LTRIM to 100) and count it by type (HINCRBY), after Postgres has the change; a missing stream is rebuilt from Postgres.",
    files: [
      "lib/domains/activity/record.ts",
      "lib/domains/activity/scripts.ts",
      "lib/domains/activity/rebuild.ts",
      "lib/domains/activity/queries.ts",
    ],
    seeIt: { href: "/u/demo", label: "An author's recent activity" },
  },
  {
    id: "followers",
    name: "Sets: followers",
    tutorial: "SADD, SREM, SISMEMBER, SCARD",
    summary:
      'Postgres holds the follows; the sets followers:<id> and following:<id> mirror them for counts and "do I follow them?", and are rebuilt from Postgres when missing.',
    files: [
      "lib/domains/follows/mutations.ts",
      "lib/domains/follows/mirror.ts",
      "app/api/users/[id]/follow/route.ts",
    ],
    seeIt: { href: "/u/demo", label: "Follow an author" },
  },
  {
    id: "search-cache",
    name: "Search result caching",
    tutorial: "caching expensive queries",
    summary:
      "Full text search runs in Postgres (a weighted tsvector with a GIN index); results are cached 60 s per normalized query, so the same search within a minute is one Redis read. Rate limited to 10 a minute.",
    files: [
      "lib/domains/search/search.ts",
      "lib/domains/search/queries.ts",
      "lib/domains/search/parse.ts",
      "app/search/page.tsx",
      "app/api/search/route.ts",
    ],
    seeIt: { href: "/search?q=redis", label: 'Search for "redis", twice' },
    namespaces: ["cache:search"],
  },
  {
    id: "monitoring",
    name: "Monitoring and debugging",
    tutorial: "redis_client.info(), debug a key, list keys, clear the cache",
    summary:
      "For admins: INFO figures, hit rates per namespace with an hour's chart, memory by namespace from a SCAN sample, a key browser (SCAN, never KEYS) with a decoded view of any key, clearing a namespace, and invalidations live.",
    files: ["app/admin/cache/page.tsx", "lib/admin/", "app/api/admin/cache/stats/route.ts"],
    seeIt: { href: "/admin/cache", label: "The admin cache page (admins only)" },
  },
];
