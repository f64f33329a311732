// Next.js's own cache ('use cache', ISR, fetch) on Redis, shared by every process. Infrastructure
// below the domains: stands on lib/cache/ (createRedisAccess, serialize) and lib/redis/; only
// app-store.ts reads the app's settings and client. next.config.js names handlers/*.mjs; the app
// imports app-store.ts (admin page) and expire-tags.ts (invalidation) directly.
//   store.ts                NextCacheStore: one namespace through createRedisAccess, bytes, TTL cap
//   tag-store.ts            a record {s, e} per tag, shared: is an entry fresh, stale or expired;
//                           a tag without one is expired (eviction costs a miss, never staleness)
//   latest-update.ts        the time of the latest update of any tag: when a tagless one expired
//   use-cache-handler.ts    the 'use cache' handler (`cacheHandlers`): tags checked on every get
//   incremental-handler.ts  the ISR/route/fetch handler (`cacheHandler`): build id in keys
//   entry-codec.ts          a 'use cache' entry as one value: length, JSON meta, raw bytes; streams
//   app-store.ts            the blog's store: the app's client, next-cache, off in `next build`
//   expire-tags.ts          expireNextCacheTags: Next's updateTag, usable outside a request too
//   handlers/               the .mjs entries next.config.js names: app-handlers.ts, built (dist/) or via tsx
// This file: the reusable part, usable by any Next 16 app: build a NextCacheStore over an
// ioredis client, then export createUseCacheHandler(store) from the file named in
// `cacheHandlers` and createIncrementalHandlerClass(() => store) from the one in `cacheHandler`.
export { createIncrementalHandlerClass } from "./incremental-handler";
export { type NextCacheOptions, NextCacheStore } from "./store";
export { createUseCacheHandler } from "./use-cache-handler";
