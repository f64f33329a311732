// The cache library's public API. It knows ioredis and nothing of the app around it.
import { Cache } from "./cache";
import type { CacheOptions } from "./options";

export function createCache(options: CacheOptions): Cache {
  return new Cache(options);
}

// Building blocks for caches of other shapes (the page cache stores whole binary responses):
// the same fail-open access to Redis, locks and shared statistics as every Cache.
/** @public */
export type { Outcome, Run } from "../redis/breaker";
/** @public */
export type { AccessOptions, RedisAccess } from "./access";
// Next.js's cache handlers (lib/next-cache/) store bytes: fail-open access without the entry layer.
export { createRedisAccess } from "./access";
/** @public */
export type { CachedOptions, RouteHandler, StoredResponse } from "./cached-route";
export type { RedisSource } from "./client";
export { Keys } from "./keys";
export { Locks } from "./lock";
export type { MemoizeOptions } from "./memoize";
/** @public */
export type { CacheOptions, SetOptions } from "./options";
/** @public */
export type { GetOrSetOptions, Loaded, Loader } from "./read-through";
export { deserialize, serialize } from "./serialize";
/** @public */
export type { CacheStats } from "./stats";
export { type Counter, Stats } from "./stats";
export type { CacheResult, TraceEntry } from "./trace";
export { currentTrace, runWithTrace, serverTiming } from "./trace";
export { Cache };
