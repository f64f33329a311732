// Next.js's cache handlers on Redis, usable by any Next 16 app: build a NextCacheStore over an
// ioredis client, then export createUseCacheHandler(store) from the file named in
// `cacheHandlers` and createIncrementalHandlerClass(() => store) from the one in `cacheHandler`.
export { createIncrementalHandlerClass } from "./incremental-handler";
export { type NextCacheOptions, NextCacheStore } from "./store";
export { createUseCacheHandler } from "./use-cache-handler";
