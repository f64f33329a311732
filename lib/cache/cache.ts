// The Cache: Flask-Caching's calls (get, set, add, has, delete, getMany, setMany, deleteMany,
// clear, memoize, deleteMemoized, cached) plus getOrSet, on one namespace of one Redis.
// Every call fails open: if Redis errs or is slow, reads miss, writes are skipped, loaders run.
import { Background } from "./background";
import { type CachedOptions, cachedRoute, type RouteHandler, type RouteHost } from "./cached-route";
import { ClientHandle } from "./client";
import { Groups } from "./groups";
import { guardedRun } from "./guarded-run";
import { Keys } from "./keys";
import { Locks } from "./lock";
import { RateLimitedLog } from "./log";
import { type MemoHost, type MemoizeOptions, Memos } from "./memoize";
import type { CacheOptions, SetOptions } from "./options";
import { Outcomes } from "./outcomes";
import { type GetOrSetOptions, type Loaded, type Loader, ReadThrough } from "./read-through";
import { type CacheStats, Stats } from "./stats";
import { lifetime, type Read, Store } from "./store";
import { traceStart } from "./trace";

export class Cache {
  readonly namespace: string;
  private readonly defaultTimeout: number;
  private readonly client: ClientHandle;
  private readonly keys: Keys;
  private readonly store: Store;
  private readonly statsCounter: Stats;
  private readonly outcomes: Outcomes;
  private readonly readThrough: ReadThrough;
  private readonly memos: Memos;
  private readonly groups: Groups;
  private readonly host: MemoHost & RouteHost;
  private readonly background = new Background();

  constructor(options: CacheOptions) {
    if (!options.namespace) throw new TypeError("createCache: a namespace is required");
    this.namespace = options.namespace;
    this.defaultTimeout = options.defaultTimeout ?? 300;
    const now = options.now ?? Date.now;
    lifetime(this.defaultTimeout);
    const log = new RateLimitedLog(
      options.logger ?? console,
      this.namespace,
      options.logIntervalMs ?? 10_000,
    );
    this.keys = new Keys(this.namespace);
    this.client = new ClientHandle(options.redis, options.db, log);
    const run = guardedRun(options, this.client, log, () => this.statsCounter.count("errors"));
    this.store = new Store(run, this.keys, log, options.maxValueBytes ?? 512 * 1024, now);
    this.statsCounter = new Stats(run, this.keys.stats(), options.statsFlushMs ?? 1000);
    this.outcomes = new Outcomes(this.statsCounter, options);
    this.readThrough = new ReadThrough({
      store: this.store,
      locks: new Locks(run),
      keys: this.keys,
      stats: this.statsCounter,
      log,
      defaultTimeout: this.defaultTimeout,
      lockTimeoutMs: options.lockTimeoutMs ?? 5000,
      random: options.random ?? Math.random,
      now,
      track: (work) => this.background.track(work),
    });
    this.groups = new Groups(run, this.keys);
    // What memoize and cached() build on: getOrSet plus a few internals they need.
    this.host = {
      getOrSet: (key, loader, opts, known?: Read) =>
        this.outcomes.observe(key, () => this.readThrough.getOrSet(key, loader, opts, known)),
      withoutCache: (key, loader) =>
        this.outcomes.observe(key, () => this.readThrough.withoutCache(key, loader)),
      delete: (key) => this.delete(key),
      set: (key, value, { timeout, stale }) =>
        this.store.write(key, value, lifetime(timeout, stale)),
      bypass: (key, started) => this.outcomes.record(key, "BYPASS", started),
      freshHit: (key, read, started) => this.outcomes.freshHit(key, read, started),
      groupVersion: (name) => this.groupVersion(name),
      traceStart,
    };
    this.memos = new Memos(this.host, run, this.keys, this.store, this.defaultTimeout);
  }

  /** The value, or undefined on a miss. A cached null is a hit and comes back as null. */
  async get<T = unknown>(key: string): Promise<T | undefined> {
    const started = traceStart();
    return this.outcomes.served<T>(key, await this.store.read(key), started);
  }

  /** Stores the value for `timeout` seconds. False if it was not stored (too large, Redis away). */
  async set(key: string, value: unknown, options: SetOptions = {}): Promise<boolean> {
    return this.store.write(key, value, lifetime(options.timeout ?? this.defaultTimeout));
  }

  /** Stores the value only if the key is absent (atomic, SET NX). True if this call stored it. */
  async add(key: string, value: unknown, options: SetOptions = {}): Promise<boolean> {
    return this.store.write(key, value, lifetime(options.timeout ?? this.defaultTimeout), true);
  }

  has(key: string): Promise<boolean> {
    return this.store.exists(key);
  }

  /** True if the key existed. */
  async delete(key: string): Promise<boolean> {
    return (await this.store.remove([key])) === 1;
  }

  async getMany<T = unknown>(keys: string[]): Promise<(T | undefined)[]> {
    const started = traceStart();
    const reads = await this.store.readMany(keys);
    return reads.map((read, i) => this.outcomes.served<T>(keys[i], read, started));
  }

  /** True if every value was stored. */
  async setMany(values: Record<string, unknown>, options: SetOptions = {}): Promise<boolean> {
    return this.store.writeMany(values, lifetime(options.timeout ?? this.defaultTimeout));
  }

  /** How many keys existed. */
  deleteMany(keys: string[]): Promise<number> {
    return this.store.remove(keys);
  }

  /** Removes this namespace's keys (not other namespaces', not the statistics). How many. */
  clear(): Promise<number> {
    return this.store.clear();
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
    return this.outcomes.observe(key, () => this.readThrough.getOrSet(key, loader, options));
  }

  memoize<A extends unknown[], R>(
    fn: (...args: A) => R | Promise<R>,
    options?: MemoizeOptions<R>,
  ): (...args: A) => Promise<R> {
    return this.memos.memoize(fn, options);
  }

  /** Write-through for a memoized function: stores what fn(...args) returns, without calling it. */
  setMemoized<A extends unknown[], R>(
    fn: (...args: A) => Promise<R>,
    args: A,
    value: R,
  ): Promise<boolean> {
    return this.memos.setMemoized(fn, args, value);
  }

  /** With arguments, forgets that call's entry; without, every entry of the function. */
  deleteMemoized<A extends unknown[]>(
    fn: (...args: A) => Promise<unknown>,
    ...args: A | []
  ): Promise<boolean> {
    return this.memos.deleteMemoized(fn, args);
  }

  /** A group's version, to put in its entries' keys (groups.ts); null: Redis did not answer. */
  groupVersion(name: string): Promise<string | null> {
    return this.groups.version(name);
  }

  /** Forgets every entry of the group (one INCR). False if Redis did not take it. */
  forgetGroup(name: string): Promise<boolean> {
    return this.groups.bump(name);
  }

  /** Wraps a route handler: GET responses cached whole, answered with X-Cache. */
  cached<C>(
    handler: RouteHandler<C>,
    options: CachedOptions = {},
  ): (request: Request, context: C) => Promise<Response> {
    return cachedRoute(this.host, handler, options);
  }

  /** Figures from every process sharing this namespace; null if Redis cannot be reached. */
  stats(): Promise<CacheStats | null> {
    return this.statsCounter.read();
  }

  /** Writes this process's pending counts now (they are otherwise written every second). */
  flushStats(): Promise<void> {
    return this.statsCounter.flush();
  }

  /** Waits for background refreshes, writes pending counts, closes a connection it opened. */
  async close(): Promise<void> {
    await this.background.settled();
    this.statsCounter.stop();
    await this.statsCounter.flush();
    this.client.close();
  }
}
