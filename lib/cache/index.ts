// The cache library: Flask-Caching's calls on ioredis, framework-free. It knows ioredis and
// nothing of the app around it: it imports lib/util/ and lib/redis/ only (`npm run lint`). The
// blog's caches are built on it in lib/blog-cache/; lib/page-cache/ and lib/next-cache/ use its
// parts; lib/platform/request-trace.ts reads its trace. This file is its public API.
// It runs on one Redis server or a Redis Cluster alike. A Cluster refuses a command whose keys lie
// in several hash slots (CROSSSLOT) and a pipeline that spans nodes, so there getMany's MGET and
// the UNLINK of deleteMany and of each clear() page are sent once per slot, and setMany's SETs one
// by one rather than as one pipeline (slots.ts); clear() scans every master. On one server each
// stays the one command it was. The keys a script reads together share a {hash tag}; every other
// command names one key.
//   cache.ts          the Cache class: every public call (get, set, getOrSet, memoize, tag, ...)
//   assemble.ts       one Cache's parts wired together: client, breaker, store, stats, memos
//   options.ts        CacheOptions with their defaults: entry timeouts in s, machinery in ms
//   client.ts         which ioredis connection a cache uses; its own only for another DB index
//   guarded-run.ts    every command through the cache's own breaker; `disabled`: all fail at once
//   access.ts         createRedisAccess: fail-open commands and stats without entries (next-cache)
//   keys.ts           `<ns>:<key>` and reserved segments (lock: memo: group: tag: stats); shortHash
//   entry.ts          an entry's JSON envelope {f, d, v}, and the XFetch early-refresh rule
//   serialize.ts      typed JSON (Date, BigInt, Map, Set, bytes, undefined); stableSerialize
//   store.ts          entries read and written: TTL = fresh + stale, size limit, clear by SCAN
//   slots.ts          MGET, UNLINK and SETs of many keys: one command, or one per slot on a Cluster
//   read-through.ts   getOrSet: hit, stale served while one refresh runs, miss under the lock
//   single-flight.ts  one loader per key inside this process
//   lock.ts           one loader per key across processes (lib/redis/lock.ts through the breaker)
//   background.ts     refreshes still running, which close() waits for
//   memoize.ts        memoize(fn), setMemoized, deleteMemoized (a new version for the function)
//   memo-read.ts      a memoized hit as one GET; else the Lua script reading version and entry
//   tokens.ts         versions and generations as tokens never used before: safe to evict
//   tracked-keys.ts   which versions and generations this process may trust: CLIENT TRACKING
//                     BCAST pushes; the keys it uses TOUCHed so that LRU does not pick them first
//   groups.ts         group versions in keys: one SET forgets every variant of a response
//   generations.ts    a token per tag that entries carry and reads check: purges that hold
//                     whatever Redis evicted (also the page cache's)
//   tags.ts           getOrSet's `tags`: one call forgets a family of entries and names their keys
//   cached-route.ts   cached(handler): whole GET responses keyed on path and query, X-Cache
//   outcomes.ts       how each lookup ended (HIT, MISS, STALE, BYPASS, ERROR): counted, traced
//   stats.ts          shared hit/miss counts per namespace: counted in memory, HINCRBY each second
//   trace.ts          the per-request record of lookups (runWithTrace) and its Server-Timing text
import { Cache } from "./cache";
import type { CacheOptions } from "./options";

export function createCache(options: CacheOptions): Cache {
  return new Cache(options);
}

// Building blocks for caches of other shapes (the page cache stores whole binary responses):
// the same fail-open access to Redis, locks, shared statistics and eviction-safe tag
// generations as every Cache.
/** @public */
export type { Outcome, Run } from "../redis/breaker";
/** @public */
export type { AccessOptions, RedisAccess } from "./access";
// Next.js's cache handlers (lib/next-cache/) store bytes: fail-open access without the entry layer.
export { createRedisAccess } from "./access";
/** @public */
export type { CachedOptions, RouteHandler, StoredResponse } from "./cached-route";
export type { RedisSource } from "./client";
export { Generations, sameGenerations } from "./generations";
export { Keys } from "./keys";
export { Locks } from "./lock";
export type { MemoizeOptions } from "./memoize";
/** @public */
/** @public */
export type { CacheOptions, GetOrSetOptions, Loaded, Loader, SetOptions } from "./options";
export { deserialize, serialize } from "./serialize";
/** @public */
export type { CacheStats } from "./stats";
export { type Counter, Stats } from "./stats";
export type { CacheResult, TraceEntry } from "./trace";
export { currentTrace, runWithTrace, serverTiming } from "./trace";
export { TrackedKeys } from "./tracked-keys";
export { Cache };
