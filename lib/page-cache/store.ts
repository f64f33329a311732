// The page cache in Redis, on the cache library's parts: every command goes through its
// breaker (a slow or absent Redis is a miss, never a hang), renders take its lock, and hits and
// misses go to its shared statistics under `cache:page`, where the admin page reads them.
//
// Keys (single-key commands only, so they work on Redis Cluster):
//   cache:page:entry:<build>:<path>   the page (binary, see ./entry.ts), TTL fresh + stale
//   cache:page:lock:<build>:<path>    one render at a time across processes
// and the tag index of ./tag-index.ts. A page is served only while the generations of its tags
// that it carries are the current ones. This process learns them once and Redis tells it when
// one changes (lib/cache's TrackedKeys, on a connection of its own), so a HIT stays one GET;
// a generation it does not know is read in the same round trip as the page.

import {
  type Counter,
  Keys,
  Locks,
  type Outcome,
  type Run,
  Stats,
  sameGenerations,
  TrackedKeys,
} from "@/lib/cache";
import { Breaker, ThrottledLog, type WarnLogger } from "@/lib/redis";
import type { RedisClient } from "@/lib/redis/client";
import { EntryDecoder, encodeEntry, type PageEntry } from "./entry";
import { generationPrefix, PageTagIndex } from "./tag-index";

export const PAGE_NAMESPACE = "cache:page";
const POLL_MS = 25;

/** A stored page's key: per build (another build's pages name assets that are gone), then its path. */
export const pageEntryKey = (keys: Keys, buildId: string, path: string) =>
  keys.value(`entry:${buildId}:${path}`);

export interface PageStoreOptions {
  redis: RedisClient | (() => RedisClient);
  /** Entries of another build reference assets that no longer exist: each build has its own. */
  buildId: string;
  freshSeconds: number;
  staleSeconds: number;
  maxEntryBytes: number;
  commandTimeoutMs: number;
  lockTimeoutMs: number;
  logger?: WarnLogger;
}

export type PageRead =
  | { status: "hit"; entry: PageEntry; stale: boolean }
  | { status: "miss" }
  | { status: "error" };

export class PageStore {
  readonly keys = new Keys(PAGE_NAMESPACE);
  readonly run: Run;
  readonly tags: PageTagIndex;
  private readonly tracked: TrackedKeys;
  private readonly locks: Locks;
  private readonly stats: Stats;
  private readonly log: ThrottledLog;
  // The headers of the pages read most recently: a few kB each, at most 1,000 (a few MB).
  private readonly decoder = new EntryDecoder(1000);

  constructor(readonly options: PageStoreOptions) {
    this.log = new ThrottledLog(options.logger ?? console, {
      prefix: `[cache ${PAGE_NAMESPACE}] `,
      intervalMs: 10_000,
    });
    const client = () => (typeof options.redis === "function" ? options.redis() : options.redis);
    const breaker = new Breaker(
      {
        name: PAGE_NAMESPACE,
        commandTimeoutMs: options.commandTimeoutMs,
        failureThreshold: 5,
        cooldownMs: 5000,
      },
      this.log,
      () => this.stats.count("errors"),
    );
    this.run = (command) => breaker.run(() => command(client()));
    this.locks = new Locks(this.run);
    const prefix = generationPrefix(this.keys);
    this.tracked = new TrackedKeys(client, this.run, [prefix], this.log, Date.now);
    const entryMs = (options.freshSeconds + options.staleSeconds) * 1000;
    this.tags = new PageTagIndex(this.run, this.keys, this.tracked, Math.max(DAY_MS, 2 * entryMs));
    this.stats = new Stats(this.run, this.keys.stats(), 1000);
  }

  entryKey(path: string): string {
    return pageEntryKey(this.keys, this.options.buildId, path);
  }

  /**
   * `tags`: the route's, whose generations are then asked with the page when this process does
   * not know them; without, the page's own are asked after it, if need be.
   */
  async read(path: string, tags?: readonly string[]): Promise<PageRead> {
    const key = this.entryKey(path);
    const get = this.run((redis) => redis.getBuffer(key));
    const known = tags && this.tags.known(tags);
    let asked: (string | null)[] | null | undefined = known;
    let answer: Outcome<Buffer | null>;
    if (tags && !known) [answer, asked] = await Promise.all([get, this.tags.current(tags)]);
    else answer = await get;
    if (!answer.ok) return { status: "error" };
    const entry = answer.value && this.decoder.decode(key, answer.value);
    if (!entry) return { status: "miss" };
    const { meta } = entry;
    const current = sameList(tags, meta.tags) ? asked : await this.tags.current(meta.tags);
    if (!current) return { status: "error" };
    if (!sameGenerations(meta.generations, current)) return { status: "miss" };
    return { status: "hit", entry, stale: Date.now() >= meta.freshUntil };
  }

  /**
   * Stores the page with the generations of its tags read before its render (tags.generations),
   * and deletes it at once if a purge replaced one since (it would be a miss anyway).
   */
  async write(path: string, entry: PageEntry, generations: string[]): Promise<boolean> {
    const bytes = encodeEntry({ ...entry, meta: { ...entry.meta, generations } });
    if (bytes.length > this.options.maxEntryBytes) {
      this.log.warn(
        "too-large",
        `${path} not cached: ${bytes.length} bytes, over ${this.options.maxEntryBytes}`,
      );
      return false;
    }
    const key = this.entryKey(path);
    const ttl = (this.options.freshSeconds + this.options.staleSeconds) * 1000;
    const [indexed, stored] = await Promise.all([
      this.tags.add(key, entry.meta.tags, ttl),
      this.run((redis) => redis.set(key, bytes, "PX", ttl)),
    ]);
    if (!indexed || !stored.ok) return false;
    if (await this.tags.unchangedSince(entry.meta.tags, generations)) return true;
    await this.run((redis) => redis.unlink(key));
    return false;
  }

  lock(path: string) {
    return this.locks.acquire(
      this.keys.lock(`${this.options.buildId}:${path}`),
      this.options.lockTimeoutMs,
    );
  }

  /**
   * Another process holds the page's lock: its page is usually stored within one render's time.
   * A render that stores nothing (an error page, a page that sets a cookie or is too large)
   * releases the lock without an entry: then stop waiting (null) and let Next answer, rather than
   * wait out `waitMs`.
   */
  async waitForRender(path: string, waitMs: number): Promise<PageEntry | null> {
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const read = await this.read(path);
      if (read.status === "hit") return read.entry;
      if (read.status === "error") return null;
      const held = await this.isLocked(path);
      if (!held.ok) return null;
      if (held.value) continue;
      // Released: its entry, if any, was written before the release.
      const last = await this.read(path);
      return last.status === "hit" ? last.entry : null;
    }
    return null;
  }

  isLocked(path: string) {
    return this.locks.isHeld(this.keys.lock(`${this.options.buildId}:${path}`));
  }

  unlock(path: string, token: string) {
    return this.locks.release(this.keys.lock(`${this.options.buildId}:${path}`), token);
  }

  count(counter: Counter): void {
    this.stats.count(counter);
  }

  async close(): Promise<void> {
    this.tracked.close();
    this.stats.stop();
    await this.stats.flush();
  }
}

const DAY_MS = 24 * 3600 * 1000;

function sameList(one: readonly string[] | undefined, other: readonly string[]): boolean {
  return one !== undefined && one.length === other.length && one.every((x, i) => x === other[i]);
}
