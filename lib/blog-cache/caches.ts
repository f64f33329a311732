import "server-only";
import { type Cache, type CachedOptions, createCache, type MemoizeOptions } from "@/lib/cache";
import { env } from "@/lib/platform/env";
import { observeLoader } from "@/lib/platform/metrics";
import { cacheRedis } from "@/lib/platform/redis";
import { logger } from "@/lib/util/logger";
import { remember } from "@/lib/util/remember";

// The blog's cache instances (the library they are made with is lib/cache/): one namespace per
// pattern, so the admin page, the stats and the trace can say which pattern served what, each
// named after its namespace (`userPage` is `cache:user-page`). Each is created once per process
// (remembered, so it survives dev reloads) and shares the cache role's client (cacheRedis(): the
// app's Redis, or CACHE_REDIS_URL's), except the tutorial's static cache on DB 1 of that Redis.
function make(
  namespace: string,
  defaultTimeout: number,
  db?: number,
  maxValueBytes?: number,
): Cache {
  const settings = env();
  return createCache({
    redis: cacheRedis,
    namespace,
    defaultTimeout,
    db,
    maxValueBytes,
    disabled: !settings.CACHE_ENABLED,
    commandTimeoutMs: settings.CACHE_COMMAND_TIMEOUT_MS,
    onLoaderTimed: observeLoader(namespace),
    // The app's log (one JSON line each, with the request's id), not the library's console default.
    logger,
  });
}

function createCaches() {
  const timeout = env().CACHE_DEFAULT_TIMEOUT;
  return {
    /** Cache-aside: feed pages. */
    feed: make("cache:feed", timeout),
    /** Read-through (memoize): posts by id and slug, author lists. */
    post: make("cache:post", timeout),
    /** Cache-aside: each post's comments. */
    comment: make("cache:comment", timeout),
    /** Read-through (memoize): users, profiles, getUserStatistics. */
    user: make("cache:user", 600),
    /**
     * Rendered article HTML. Up to 1 MiB: a body shown as escaped text can be six times its
     * 100,000 characters (`&quot;`), and it must be cached so it is not rendered again.
     */
    html: make("cache:html", 300, undefined, 1024 * 1024),
    /** Fragment caching: the per-user sidebar, as HTML. */
    fragment: make("cache:fragment", 600),
    /** Per-user caching (cached_by_user): the dashboard. */
    userPage: make("cache:user-page", 300),
    /** Refresh-ahead: the popular posts widget. */
    popular: make("cache:popular", 60),
    /** View caching of API routes; the tutorial's "api" cache on DB 0, 300 s. */
    api: make("cache:api", timeout),
    /** Search results per normalized query, 60 s. */
    search: make("cache:search", 60),
    /**
     * Whole pages for readers who are not signed in, stored by the page cache in front of Next
     * (server.ts, lib/page-cache/). This handle gives the admin page its figures and its clear.
     */
    page: make("cache:page", env().PAGE_CACHE_TTL_SECONDS),
    /** The tutorial's "static" cache: DB 1, an hour. */
    static: make("cache:static", 3600, env().STATIC_CACHE_DB),
  };
}

export type Caches = ReturnType<typeof createCaches>;

export function caches(): Caches {
  return remember("caches", createCaches);
}

type CacheName = keyof Caches;

export type Memoized<A extends unknown[], R> = ((...args: A) => Promise<R>) & {
  /**
   * Forget one call's entry, or (no arguments) every entry of the function in O(1). The Redis
   * key deleted (the entry) or bumped (the function's version); null if Redis did not take it.
   */
  forget: (...args: A | []) => Promise<string | null>;
  /** Write-through: store what a call with these arguments returns. The Redis key written, or null. */
  prime: (args: A, value: R) => Promise<string | null>;
};

/**
 * For reads of one thing by a name a stranger can choose (a slug, a username, an id): "not found"
 * is not stored, or made-up names would each leave an entry in Redis. Finding nothing is one
 * indexed query.
 */
export const onlyFound = { shouldCache: (value: unknown) => value !== null };

// memoize() on first use rather than at import, so importing a query module (as `next build`
// does) needs neither configuration nor Redis.
export function memoized<A extends unknown[], R>(
  cacheName: CacheName,
  fn: (...args: A) => Promise<R>,
  options: MemoizeOptions<R> & { name: string },
): Memoized<A, R> {
  let memo: ((...args: A) => Promise<R>) | undefined;
  const cache = () => caches()[cacheName];
  const get = () => (memo ??= cache().memoize(fn, options));
  return Object.assign((...args: A) => get()(...args), {
    forget: (...args: A | []) => cache().forgetMemoized(get(), ...args),
    prime: (args: A, value: R) => cache().primeMemoized(get(), args, value),
  });
}

// cached() on first request, for the same reason as memoized().
export function cachedRoute<C>(
  cacheName: CacheName,
  handler: (request: Request, context: C) => Promise<Response>,
  options: CachedOptions,
): (request: Request, context: C) => Promise<Response> {
  let wrapped: ((request: Request, context: C) => Promise<Response>) | undefined;
  return (request, context) => {
    wrapped ??= caches()[cacheName].cached(handler, options);
    return wrapped(request, context);
  };
}
