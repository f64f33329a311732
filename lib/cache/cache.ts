// The Cache: Flask-Caching's calls (get, set, add, has, delete, getMany, setMany, deleteMany,
// clear, memoize, deleteMemoized, cached) plus getOrSet, on one namespace of one Redis.
// Every call fails open: if Redis errs or is slow, reads miss, writes are skipped, loaders run.
import { assembleCache, type CacheParts } from "./assemble";
import { type CachedOptions, cacheResponses, type RouteHandler } from "./cached-route";
import type { MemoizeOptions } from "./memoize";
import type { CacheOptions, GetOrSetOptions, Loaded, Loader, SetOptions } from "./options";
import type { CacheStats } from "./stats";
import { lifetime } from "./store";
import { traceStart } from "./trace";

export class Cache {
  readonly namespace: string;
  private readonly defaultTimeout: number;
  private readonly parts: CacheParts;

  constructor(options: CacheOptions) {
    if (!options.namespace) throw new TypeError("createCache: a namespace is required");
    this.namespace = options.namespace;
    this.defaultTimeout = options.defaultTimeout ?? 300;
    lifetime(this.defaultTimeout);
    this.parts = assembleCache(options, this.defaultTimeout);
  }

  /**
   * The value, or undefined on a miss. A cached null is a hit and comes back as null. An entry
   * written with tags is read with the same tags (a miss once one of them was forgotten).
   */
  async get<T = unknown>(
    key: string,
    options: { tags?: readonly string[] } = {},
  ): Promise<T | undefined> {
    const started = traceStart();
    const read = await this.parts.store.read(key, options.tags);
    return this.parts.outcomes.served<T>(key, read, started);
  }

  /** Stores the value for `timeout` seconds. False if it was not stored (too large, Redis away). */
  async set(key: string, value: unknown, options: SetOptions = {}): Promise<boolean> {
    return this.parts.store.write(key, value, lifetime(options.timeout ?? this.defaultTimeout));
  }

  /** Stores the value only if the key is absent (atomic, SET NX). True if this call stored it. */
  async add(key: string, value: unknown, options: SetOptions = {}): Promise<boolean> {
    return this.parts.store.write(
      key,
      value,
      lifetime(options.timeout ?? this.defaultTimeout),
      true,
    );
  }

  has(key: string): Promise<boolean> {
    return this.parts.store.exists(key);
  }

  /** True if the key existed. */
  async delete(key: string): Promise<boolean> {
    return (await this.parts.store.remove([key])) === 1;
  }

  async getMany<T = unknown>(keys: string[]): Promise<(T | undefined)[]> {
    const started = traceStart();
    const reads = await this.parts.store.readMany(keys);
    return reads.map((read, i) => this.parts.outcomes.served<T>(keys[i], read, started));
  }

  /** True if every value was stored. */
  async setMany(values: Record<string, unknown>, options: SetOptions = {}): Promise<boolean> {
    return this.parts.store.writeMany(values, lifetime(options.timeout ?? this.defaultTimeout));
  }

  /** How many keys existed. */
  deleteMany(keys: string[]): Promise<number> {
    return this.parts.store.remove(keys);
  }

  /** Removes this namespace's keys (not other namespaces', not the statistics). How many. */
  clear(): Promise<number> {
    return this.parts.store.clear();
  }

  /** Cache-aside: the cached value, or the loader's, stored; one loader per key at a time. */
  async getOrSet<T>(key: string, loader: Loader<T>, options: GetOrSetOptions<T> = {}): Promise<T> {
    return (await this.getOrSetWithResult(key, loader, options)).value;
  }

  /** getOrSet, also saying how the value was served (for an X-Cache header, say). */
  getOrSetWithResult<T>(
    key: string,
    loader: Loader<T>,
    options: GetOrSetOptions<T> = {},
  ): Promise<Loaded<T>> {
    return this.parts.outcomes.observe(key, () =>
      this.parts.readThrough.getOrSet(key, loader, options),
    );
  }

  memoize<A extends unknown[], R>(
    fn: (...args: A) => R | Promise<R>,
    options?: MemoizeOptions<R>,
  ): (...args: A) => Promise<R> {
    return this.parts.memos.memoize(fn, options);
  }

  /** Write-through for a memoized function: stores what fn(...args) returns, without calling it. */
  setMemoized<A extends unknown[], R>(
    fn: (...args: A) => Promise<R>,
    args: A,
    value: R,
  ): Promise<boolean> {
    return this.parts.memos.setMemoized(fn, args, value);
  }

  /** With arguments, forgets that call's entry; without, every entry of the function. */
  deleteMemoized<A extends unknown[]>(
    fn: (...args: A) => Promise<unknown>,
    ...args: A | []
  ): Promise<boolean> {
    return this.parts.memos.deleteMemoized(fn, args);
  }

  /** A group's version, to put in its entries' keys (groups.ts); null: Redis did not answer. */
  groupVersion(name: string): Promise<string | null> {
    return this.parts.groups.version(name);
  }

  /** Forgets every entry of the group (one SET of a new version). False if Redis did not take it. */
  forgetGroup(name: string): Promise<boolean> {
    return this.parts.groups.bump(name);
  }

  // Invalidation that names the Redis keys it acted on, for logs that must show real keys (the
  // blog's live log of invalidations, whose keys the admin key browser opens).

  /**
   * Forgets every entry written with the tag (getOrSet's `tags`), even those whose listing Redis
   * evicted: the Redis keys it acted on, its generation first (null: Redis did not take it).
   */
  forgetTag(name: string): Promise<string[] | null> {
    return this.parts.tags.forget(name);
  }

  /** deleteMemoized, naming the Redis key it deleted or (no arguments) replaced; null on failure. */
  forgetMemoized<A extends unknown[]>(
    fn: (...args: A) => Promise<unknown>,
    ...args: A | []
  ): Promise<string | null> {
    return this.parts.memos.forget(fn, args);
  }

  /** setMemoized, naming the Redis key it wrote; null if it was not stored. */
  primeMemoized<A extends unknown[], R>(
    fn: (...args: A) => Promise<R>,
    args: A,
    value: R,
  ): Promise<string | null> {
    return this.parts.memos.prime(fn, args, value);
  }

  /** Wraps a route handler: GET responses cached whole, answered with X-Cache. */
  cached<C>(
    handler: RouteHandler<C>,
    options: CachedOptions = {},
  ): (request: Request, context: C) => Promise<Response> {
    return cacheResponses(this.parts.host, handler, options);
  }

  /** Figures from every process sharing this namespace; null if Redis cannot be reached. */
  stats(): Promise<CacheStats | null> {
    return this.parts.stats.read();
  }

  /** Writes this process's pending counts now (they are otherwise written every second). */
  flushStats(): Promise<void> {
    return this.parts.stats.flush();
  }

  /** Waits for background refreshes, writes pending counts, closes a connection it opened. */
  async close(): Promise<void> {
    await this.parts.background.settled();
    this.parts.stats.stop();
    await this.parts.stats.flush();
    this.parts.tracked.close();
    this.parts.client.close();
  }
}
