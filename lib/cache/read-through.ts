// getOrSet: read the entry; on a hit return it (refreshing in the background when it is stale
// or when XFetch says so); on a miss make sure one loader runs for the key, across processes,
// and store its value. Redis trouble is a miss without writes: the loader runs and the caller
// gets its value. With tags, every read checks the entry's generations and a loader runs only
// once the generations it will be stored under are known (tags.ts).
import { waitForLockHolder } from "../redis/lock";
import type { ThrottledLog } from "../redis/throttled-log";
import { inSpan } from "../util/tracing";
import { type Entry, shouldRefreshEarly } from "./entry";
import type { Keys } from "./keys";
import type { Locks } from "./lock";
import type { GetOrSetOptions, Loaded, Loader } from "./options";
import { SingleFlight } from "./single-flight";
import type { Stats } from "./stats";
import { lifetime, type Read, type Store } from "./store";
import type { Tags } from "./tags";

// A loader's value, how long it took, and the generations of the tags it was loaded under.
type Load<T> = { value: T; delta: number; marks?: string[] | null };

export interface ReadThroughDeps {
  store: Store;
  tags: Tags;
  locks: Locks;
  keys: Keys;
  stats: Stats;
  log: ThrottledLog;
  defaultTimeout: number;
  lockTimeoutMs: number;
  random: () => number;
  now: () => number;
  // Background work (refreshes) is handed over so that close() can wait for it.
  track: (work: Promise<unknown>) => void;
}

// How often a process waiting on another's lock looks for the value.
const POLL_MS = 20;

export class ReadThrough {
  private readonly flights = new SingleFlight();
  private readonly refreshes = new SingleFlight();

  constructor(private readonly deps: ReadThroughDeps) {}

  // `known`: the entry as the caller already read it (memoize reads it with its version).
  getOrSet<T>(
    key: string,
    loader: Loader<T>,
    options: GetOrSetOptions<T>,
    known?: Read,
  ): Promise<Loaded<T>> {
    // Validate before any I/O, so a bad timeout is a caller's bug, not a silent miss.
    lifetime(options.timeout ?? this.deps.defaultTimeout, options.stale);
    return this.flights.run(key, () => this.resolve(key, loader, options, known));
  }

  // When Redis cannot be asked at all: still one loader per key in this process.
  withoutCache<T>(key: string, loader: Loader<T>): Promise<Loaded<T>> {
    return this.flights.run(key, async () => {
      const { value } = await this.callLoader(key, loader);
      return { value, result: "ERROR" as const };
    });
  }

  private async resolve<T>(
    key: string,
    loader: Loader<T>,
    options: GetOrSetOptions<T>,
    known: Read | undefined,
  ): Promise<Loaded<T>> {
    const read = known ?? (await this.deps.store.read(key, options.tags));
    if (read.status === "error") {
      const { value } = await this.callLoader(key, loader);
      return { value, result: "ERROR" };
    }
    if (read.status === "miss") return this.loadUnderLock(key, loader, options);

    const { entry } = read;
    const now = this.deps.now();
    const fresh = now < entry.freshUntil;
    if (!fresh || this.refreshEarly(entry, now, options)) this.refresh(key, entry, loader, options);
    return { value: entry.value as T, result: fresh ? "HIT" : "STALE" };
  }

  private async loadUnderLock<T>(
    key: string,
    loader: Loader<T>,
    options: GetOrSetOptions<T>,
  ): Promise<Loaded<T>> {
    const lockKey = this.deps.keys.lock(key);
    const lock = await this.deps.locks.acquire(lockKey, this.deps.lockTimeoutMs);
    if (lock.ok && lock.value === null) {
      const landed = await this.waitForValue(key, lockKey, options.tags);
      if (landed) return { value: landed.value as T, result: "MISS" };
    }
    const token = lock.ok ? lock.value : null;
    if (token !== null) {
      // Another process may have stored the value between our read and our lock.
      const again = await this.deps.store.read(key, options.tags);
      if (again.status === "hit") {
        await this.deps.locks.release(lockKey, token);
        return { value: again.entry.value as T, result: "MISS" };
      }
    }
    let loaded: Load<T>;
    try {
      loaded = await this.callLoader(key, loader, options.tags);
    } catch (error) {
      if (token !== null) await this.deps.locks.release(lockKey, token);
      throw error;
    }
    await this.save(key, loaded, options, token);
    return { value: loaded.value, result: "MISS" };
  }

  // Lock-or-wait (lib/redis/lock.ts): a waiter that finds the lock gone and still no value
  // runs its own loader at once; one that finds the lock still held after its expiry time, or
  // cannot ask Redis, falls back as well.
  private waitForValue(
    key: string,
    lockKey: string,
    tags: readonly string[] | undefined,
  ): Promise<Entry | undefined> {
    return waitForLockHolder(
      async () => {
        const held = await this.deps.locks.isHeld(lockKey);
        const read = await this.deps.store.read(key, tags);
        if (read.status === "hit") return { held: true, value: read.entry };
        return { held: read.status !== "error" && held.ok && held.value, value: undefined };
      },
      { timeoutMs: this.deps.lockTimeoutMs, pollMs: POLL_MS },
    );
  }

  private refreshEarly<T>(entry: Entry, now: number, options: GetOrSetOptions<T>): boolean {
    const { earlyRefresh } = options;
    if (!earlyRefresh) return false;
    const beta = earlyRefresh === true ? 1 : earlyRefresh.beta;
    return shouldRefreshEarly(entry, now, beta, this.deps.random);
  }

  // One refresh per key in this process (single flight) and across processes (the lock);
  // a process that finds the entry already rewritten by another leaves it alone.
  private refresh<T>(
    key: string,
    seen: Entry,
    loader: Loader<T>,
    options: GetOrSetOptions<T>,
  ): void {
    const work = this.refreshes.run(key, async () => {
      const lockKey = this.deps.keys.lock(key);
      const lock = await this.deps.locks.acquire(lockKey, this.deps.lockTimeoutMs);
      if (!lock.ok || lock.value === null) return;
      const token = lock.value;
      const current = await this.deps.store.read(key, options.tags);
      if (current.status === "hit" && current.entry.freshUntil !== seen.freshUntil) {
        await this.deps.locks.release(lockKey, token);
        return;
      }
      try {
        await this.save(key, await this.callLoader(key, loader, options.tags), options, token);
      } catch (error) {
        await this.deps.locks.release(lockKey, token);
        this.deps.log.warn("refresh", `background refresh of ${key} failed: ${String(error)}`);
      }
    });
    this.deps.track(work);
  }

  // A tagged value whose generations Redis could not give is not stored: nothing says it is current.
  private async save<T>(
    key: string,
    loaded: Load<T>,
    options: GetOrSetOptions<T>,
    token: string | null,
  ): Promise<void> {
    const tagged = options.tags && loaded.marks && { names: options.tags, marks: loaded.marks };
    if ((options.shouldCache?.(loaded.value) ?? true) && (tagged || !options.tags)) {
      const { timeout = this.deps.defaultTimeout, stale } = options;
      const life = lifetime(timeout, stale, loaded.delta);
      await this.deps.store.write(key, loaded.value, life, false, tagged || undefined);
    }
    if (token !== null) await this.deps.locks.release(this.deps.keys.lock(key), token);
  }

  // A span of its own when tracing is on: what the loader does (SQL, Redis) are its children.
  // The tags' generations are read before the loader runs: a forget while it runs replaces one,
  // and the value stored with the old one is then a miss.
  private async callLoader<T>(
    key: string,
    loader: Loader<T>,
    tags?: readonly string[],
  ): Promise<Load<T>> {
    const marks = tags ? await this.deps.tags.marks(tags) : undefined;
    const attributes = { "cache.namespace": this.deps.keys.namespace, "cache.key": key };
    const loaded = await inSpan("cache.load", attributes, () => this.deps.stats.load(loader));
    return { ...loaded, marks };
  }
}
