// memoize(fn): results cached per argument list. Each memoized function has a version in Redis,
// part of every entry's key; deleteMemoized(fn) replaces it, so all the function's entries
// become unreachable in one command however many there are (they expire on their own), as
// Flask-Caching does. Unlike Flask-Caching's counter, a version is a token never used before
// (tokens.ts): a version key lost to eviction or expiry is made again with a new one, so no old
// entry can be reached again. Redis tells every process when a version changes
// (tracked-keys.ts), so a hit is one GET of the entry (memo-read.ts).
import type { Run } from "../redis/breaker";
import type { Keys } from "./keys";
import { type MemoInfo, MemoReader } from "./memo-read";
import type { GetOrSetOptions, Loaded, Loader } from "./options";
import { stableSerialize } from "./serialize";
import type { Read, Store } from "./store";
import { uniqueToken } from "./tokens";
import type { TrackedKeys } from "./tracked-keys";

// Tags are not for memoized calls: their reads go through memo-read.ts, which does not check them.
export interface MemoizeOptions<R> extends Omit<GetOrSetOptions<R>, "tags"> {
  /** Part of the key; defaults to the function's name. Unique within a namespace. */
  name?: string;
}

export interface MemoHost {
  /** `known`: the entry, already read; getOrSet then does not read it again. */
  getOrSetWithResult<T>(
    key: string,
    loader: Loader<T>,
    options: GetOrSetOptions<T>,
    known?: Read,
  ): Promise<Loaded<T>>;
  set(key: string, value: unknown, options: { timeout: number; stale?: number }): Promise<boolean>;
  withoutCache<T>(key: string, loader: Loader<T>): Promise<Loaded<T>>;
  delete(key: string): Promise<boolean>;
  /** A fresh entry's value, counted and traced as a HIT; undefined (nothing recorded) otherwise. */
  freshHit(key: string, read: Read, started: number | undefined): { value: unknown } | undefined;
  traceStart(): number | undefined;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

export class Memos {
  private readonly registry = new WeakMap<object, MemoInfo>();
  private readonly reader: MemoReader;

  constructor(
    private readonly host: MemoHost,
    private readonly run: Run,
    private readonly keys: Keys,
    store: Store,
    private readonly versions: TrackedKeys,
    private readonly defaultTimeout: number,
    now: () => number,
  ) {
    this.reader = new MemoReader(run, keys, store, versions, now);
  }

  memoize<A extends unknown[], R>(
    fn: (...args: A) => R | Promise<R>,
    options: MemoizeOptions<R> = {},
  ): (...args: A) => Promise<R> {
    const { name = fn.name, ...readOptions } = options;
    if (!name) throw new TypeError("memoize: name the function or pass { name }");
    // The version key outlives the entries written under it, so that they are not lost with it
    // (a lost version costs each entry a miss, never a stale answer: it is made again, new).
    const entryMs = ((options.timeout ?? this.defaultTimeout) + (options.stale ?? 0)) * 1000;
    const info: MemoInfo = {
      name,
      versionKey: this.keys.memoVersion(name),
      versionTtlMs: Math.max(WEEK_MS, 2 * entryMs),
      timeout: options.timeout ?? this.defaultTimeout,
      stale: options.stale ?? 0,
      seenVersion: "",
    };

    const memoized = async (...args: A): Promise<R> => {
      const started = this.host.traceStart();
      const argsText = stableSerialize(args);
      const found = await this.reader.read(info, argsText);
      if (found.ok) {
        const { key, read } = found.value;
        // A fresh hit needs nothing of getOrSet's machinery unless early refresh may be due.
        const hit =
          read && !readOptions.earlyRefresh ? this.host.freshHit(key, read, started) : undefined;
        if (hit) return hit.value as R;
        return (await this.host.getOrSetWithResult(key, () => fn(...args), readOptions, read))
          .value;
      }
      const loaded = await this.host.withoutCache(`memo:${name}:?:${argsText}`, () => fn(...args));
      return loaded.value;
    };
    this.registry.set(memoized, info);
    return memoized;
  }

  // Write-through: the value a call with these arguments would return, stored now, so the next
  // call is a hit without running the function.
  async setMemoized(fn: object, args: unknown[], value: unknown): Promise<boolean> {
    return (await this.prime(fn, args, value)) !== null;
  }

  // setMemoized, naming the Redis key it wrote (null: not stored), for logs of what changed.
  async prime(fn: object, args: unknown[], value: unknown): Promise<string | null> {
    const info = this.infoOf(fn, "setMemoized");
    const found = await this.reader.entryKey(info, stableSerialize(args));
    if (!found.ok) return null;
    const key = found.value;
    const stored = await this.host.set(key, value, { timeout: info.timeout, stale: info.stale });
    return stored ? this.keys.value(key) : null;
  }

  // deleteMemoized, naming the Redis key it deleted (the call's entry) or replaced (the function's
  // version); null if Redis did not take it. An entry that was not cached is still named.
  async forget(fn: object, args: unknown[]): Promise<string | null> {
    return (await this.remove(fn, args))?.key ?? null;
  }

  // With arguments: that one entry (true if it was cached). Without: every entry of the
  // function, in O(1).
  async deleteMemoized(fn: object, args: unknown[]): Promise<boolean> {
    return (await this.remove(fn, args))?.removed ?? false;
  }

  private async remove(
    fn: object,
    args: unknown[],
  ): Promise<{ key: string; removed: boolean } | null> {
    const info = this.infoOf(fn, "deleteMemoized");
    if (args.length === 0) {
      const key = info.versionKey;
      return (await this.bumpVersion(info)) ? { key, removed: true } : null;
    }
    const found = await this.reader.entryKey(info, stableSerialize(args));
    if (!found.ok) return null;
    return { key: this.keys.value(found.value), removed: await this.host.delete(found.value) };
  }

  // A new token: one SET, which Redis pushes to every watching process as it did an INCR.
  private async bumpVersion(info: MemoInfo): Promise<boolean> {
    const bumped = await this.run((redis) =>
      redis.set(info.versionKey, uniqueToken(), "PX", info.versionTtlMs),
    );
    // At once in this process, even if the answer was lost; other processes are told by Redis.
    this.versions.forget(info.versionKey);
    return bumped.ok;
  }

  private infoOf(fn: object, caller: string): MemoInfo {
    const info = this.registry.get(fn);
    if (!info) throw new TypeError(`${caller}: not a function memoized by this cache`);
    return info;
  }
}
