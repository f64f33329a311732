import type { Pattern } from "./pattern";

// The caching patterns, from the tutorial's first ones to Next's own cache on Redis.
export const cachingPatterns: Pattern[] = [
  {
    id: "cache-aside",
    name: "Cache-aside",
    tutorial: "cache_aside_pattern(), get_popular_posts()",
    summary:
      "The feed asks the cache for page N; on a miss it reads Postgres and stores the page for 300 s. A post's comments too, in cache:comment.",
    files: [
      "lib/domains/posts/queries.ts (getFeedPage)",
      "app/api/feed/route.ts",
      "lib/domains/comments/queries.ts",
    ],
    seeIt: { href: "/", label: "Home feed" },
    namespaces: ["cache:feed", "cache:comment"],
  },
  {
    id: "read-through",
    name: "Read-through (memoize)",
    tutorial: "@cache.memoize: get_user_statistics()",
    summary:
      "getPost, getPostBySlug, getPostsByAuthor, getUser, getProfile and getUserStatistics are memoized functions: callers just call them. A hit is one GET: each process keeps the functions' versions, and Redis tells it when one changes (CLIENT TRACKING).",
    files: [
      "lib/blog-cache/caches.ts (memoized)",
      "lib/domains/posts/queries.ts",
      "lib/domains/users/queries.ts",
      "lib/cache/tracked-keys.ts",
    ],
    seeIt: { href: "/u/demo", label: "An author's profile" },
    namespaces: ["cache:post"],
  },
  {
    id: "write-through",
    name: "Write-through",
    tutorial: "create_post_with_cache()",
    summary:
      "A new or edited post is written to the cache as it is written to Postgres; the lists it appears in are forgotten.",
    files: ["lib/blog/invalidation/ (postCreated, postChanged)", "lib/domains/posts/mutations.ts"],
    seeIt: { href: "/posts/new", label: "Write an article" },
  },
  {
    id: "invalidation",
    name: "Invalidation on change",
    tutorial: "invalidate_user_cache(), update_user_profile()",
    summary:
      "One module knows which entries a change makes wrong; whole memoized functions are forgotten in O(1) by bumping a version, the feed's pages by their tag. Each delete is recorded under its Redis key, which the admin page's live log shows.",
    files: ["lib/blog/invalidation/", "lib/blog/invalidation/record.ts"],
    seeIt: { href: "/settings", label: "Edit your profile, then look at the sidebar" },
  },
  {
    id: "write-behind",
    name: "Write-behind view counters",
    tutorial: "track_page_view(), INCR",
    summary:
      "A view increments a Redis counter; every 10th view moves the delta to Postgres in one UPDATE, exactly once, and a sweep flushes the rest.",
    files: [
      "lib/domains/view-counts/counter.ts",
      "lib/domains/view-counts/flush.ts",
      "lib/domains/view-counts/scripts.ts",
      "lib/domains/view-counts/sweep.ts",
    ],
    seeIt: { href: "/", label: "Open any article from a new browser" },
  },
  {
    id: "refresh-ahead",
    name: "Refresh-ahead",
    tutorial: "refresh-ahead strategy",
    summary:
      "Popular posts are refreshed before they expire (XFetch) and served stale while one refresh runs: once warm, nobody waits.",
    files: ["lib/domains/posts/queries.ts (getPopularPosts)", "lib/cache/read-through.ts"],
    seeIt: { href: "/", label: "The popular posts box on the feed" },
    namespaces: ["cache:popular"],
  },
  {
    id: "warming",
    name: "Cache warming",
    tutorial: "warm_cache()",
    summary:
      "At start-up one process (a Redis lock) fills the feed, popular posts, and the most active authors' profiles and statistics.",
    files: ["lib/blog/warm.ts", "instrumentation-node.ts"],
    seeIt: {
      href: "/patterns#warming",
      label: "Restart the server and load the feed: HIT at once",
    },
  },
  {
    id: "fragment",
    name: "Fragment caching",
    tutorial: "render_template fragment cached",
    summary:
      "The signed-in reader's parts of a page (who they are, and their sidebar rendered to HTML) are made once and kept 600 s; the server in front of Next answers GET /api/me/parts from them without querying or rendering.",
    files: ["lib/blog/sidebar.ts", "lib/blog/member-parts-answer.ts", "lib/blog/safe-html.ts"],
    seeIt: { href: "/", label: "The sidebar on the feed (signed in)" },
    namespaces: ["cache:fragment"],
  },
  {
    id: "per-user",
    name: "Per-user caching",
    tutorial: "@cached_by_user: user_dashboard()",
    summary:
      "The dashboard is cached under a key with the user's id, so each reader gets their own.",
    files: ["lib/blog/dashboard.ts"],
    seeIt: { href: "/dashboard", label: "Your dashboard" },
    namespaces: ["cache:user-page"],
  },
  {
    id: "rendered-html",
    name: "Rendered HTML",
    tutorial: "caching rendered output",
    summary:
      "Article markdown is rendered to safe HTML once and cached 300 s; the live view count sits outside it.",
    files: ["lib/domains/posts/rendered.ts"],
    seeIt: { href: "/", label: "Any article" },
    namespaces: ["cache:html"],
  },
  {
    id: "page-caching",
    name: "Page caching (whole pages)",
    tutorial: "@cache.cached(timeout=300) on index()",
    summary:
      "The server in front of Next answers a page from one Redis GET, compressed once, with an ETag; no React render. Readers who are not signed in share one version of it, signed-in readers another, rendered for no one, their own parts filled in by the browser. Each change purges the pages that show it by tag; a stale page is served while one process renders it again.",
    files: [
      "server.ts",
      "lib/page-cache/handler.ts",
      "lib/blog/page-routes.ts",
      "lib/page-cache/tag-index.ts",
      "lib/blog/invalidation/",
    ],
    seeIt: { href: "/", label: "Sign out, load the home page twice, open the panel at the bottom" },
    namespaces: ["cache:page"],
  },
  {
    id: "next-cache",
    name: "Next.js's own cache on Redis ('use cache')",
    tutorial: "caching rendered output, shared by every process",
    summary:
      "What is the same for every reader (the feed list, the Popular box, an article's body, the leaderboard table) is rendered once with 'use cache' and kept in Redis by our handler for Next; every process reads it, and an edit expires its tags for all of them at once.",
    files: [
      "app/_cached/",
      "lib/next-cache/use-cache-handler.ts",
      "lib/next-cache/tag-store.ts",
      "lib/blog/invalidation/ (expireNextCacheTags)",
    ],
    seeIt: {
      href: "/",
      label:
        "Sign in and open the panel at the bottom of the home page; the admin page counts its hits (next-cache)",
    },
    namespaces: ["next-cache"],
  },
  {
    id: "browser-counted-views",
    name: "Views counted by the browser",
    tutorial: "track_page_view()",
    summary:
      "A page shown in a browser says so with one small request (POST /api/views); an article's view counts once per reader per 30 minutes. Renders count nothing, so prefetches and cached pages cannot inflate a count.",
    files: [
      "components/ViewBeacon.tsx",
      "app/api/views/route.ts",
      "lib/domains/view-counts/page-view.ts",
      "lib/domains/view-counts/counter.ts (countViewOnce)",
    ],
    seeIt: { href: "/", label: "Open an article: its count goes up once" },
  },
  {
    id: "view-caching",
    name: "View caching of API routes",
    tutorial: "@cache.cached(timeout, query_string, unless)",
    summary:
      "Whole responses of GET routes are cached with cached(): /api/users/:id (60 s, by query string), /api/posts (120 s unless ?refresh), /api/expensive (5 min).",
    files: [
      "lib/cache/cached-route.ts",
      "app/api/users/[id]/route.ts",
      "app/api/posts/route.ts",
      "app/api/expensive/route.ts",
    ],
    seeIt: { href: "/api/expensive", label: "/api/expensive (2 s the first time)" },
    namespaces: ["cache:api"],
  },
  {
    id: "two-caches",
    name: "Two caches, two databases",
    tutorial: "api_cache (db 0, 300 s) and static_cache (db 1, 3600 s)",
    summary:
      "Independent caches with their own namespace, timeout and Redis DB: /api/data and /static-content.",
    files: ["lib/blog-cache/caches.ts", "app/api/data/route.ts", "app/static-content/page.tsx"],
    seeIt: { href: "/static-content", label: "/static-content" },
    namespaces: ["cache:static"],
  },
];
