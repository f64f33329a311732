// The settings of one cache. Timeouts of entries are in seconds, as in Flask-Caching;
// timings of the machinery (commands, locks, breaker) in milliseconds.

import type { WarnLogger } from "../redis/throttled-log";
import type { RedisSource } from "./client";
import type { CacheResult } from "./trace";

export interface CacheOptions {
  /** An ioredis client, or a factory called on first use. */
  redis: RedisSource;
  /** First segment of every key, e.g. "cache:api" gives "cache:api:post:42". */
  namespace: string;
  /** Seconds an entry lives when a call gives no timeout. Default 300. */
  defaultTimeout?: number;
  /** A Redis DB index other than the client's: the cache opens its own connection to it. */
  db?: number;
  /** Larger values are not cached (and logged). Default 512 KiB. */
  maxValueBytes?: number;
  /** A command not answered within this is a failure, and the call goes on without Redis. Default 100. */
  commandTimeoutMs?: number;
  /** Consecutive connection failures that open the circuit. Default 5. */
  breakerThreshold?: number;
  /** How long an open circuit skips Redis before one probe. Default 5000. */
  breakerCooldownMs?: number;
  /** Expiry of a loader's lock, and how long other processes wait on it. Default 5000. */
  lockTimeoutMs?: number;
  /** How often counts are added to the shared statistics. Default 1000. */
  statsFlushMs?: number;
  /** Called with every loader call's duration in ms, once it has returned (e.g. for a histogram). */
  onLoaderTimed?: (durationMs: number) => void;
  /** Where warnings go; each kind at most once per logIntervalMs (default 10000). Default console. */
  logger?: WarnLogger;
  logIntervalMs?: number;
  /**
   * Flask-Caching's NullCache: nothing is read or written, every loader runs, every lookup is
   * BYPASS. For measuring what the cache saves, and for turning it off without code changes.
   */
  disabled?: boolean;
  /** Source of randomness for early refresh (XFetch); replaceable to make tests exact. */
  random?: () => number;
  /**
   * The clock (epoch ms) that says whether an entry is fresh and when an open circuit may probe
   * again. Default Date.now; replaceable so tests move time instead of sleeping. Redis' own
   * expiry of keys keeps Redis' clock.
   */
  now?: () => number;
}

export interface SetOptions {
  /** Seconds; the cache's default timeout when omitted. */
  timeout?: number;
}

// A getOrSet call's options, and what it hands back.
export interface GetOrSetOptions<T> {
  /** Seconds the value is fresh; the cache's default timeout when omitted. */
  timeout?: number;
  /** Seconds after `timeout` during which the old value is served (STALE) while one refresh runs. */
  stale?: number;
  /** Refresh hot keys shortly before they expire (XFetch); `beta` > 1 refreshes earlier. */
  earlyRefresh?: boolean | { beta: number };
  /** Return false to hand a value to the caller without caching it. */
  shouldCache?: (value: T) => boolean;
  /**
   * Tags that forgetTag(name) forgets this entry by, whatever Redis evicted meanwhile (tags.ts).
   * Pass the same ones, in the same order, wherever the key is read (cache.get too).
   */
  tags?: readonly string[];
}

export interface Loaded<T> {
  value: T;
  result: CacheResult;
}

export type Loader<T> = () => T | Promise<T>;
