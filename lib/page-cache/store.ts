// The page cache in Redis, on the cache library's parts: every command goes through its
// breaker (a slow or absent Redis is a miss, never a hang), renders take its lock, and hits and
// misses go to its shared statistics under `cache:page`, where the admin page reads them.
//
// Keys (single-key commands only, so they work on Redis Cluster):
//   cache:page:entry:<build>:<path>   the page (binary, see ./entry.ts), TTL fresh + stale
//   cache:page:lock:<build>:<path>    one render at a time across processes
// and the tag index of ./tag-index.ts.
import type { Redis } from "ioredis";
import { type Counter, Keys, Locks, type Run, Stats } from "@/lib/cache";
import { Breaker, ThrottledLog, type WarnLogger } from "@/lib/redis";
import { decodeEntry, encodeEntry, type PageEntry } from "./entry";
import { PageTagIndex } from "./tag-index";

export const PAGE_NAMESPACE = "cache:page";

export interface PageStoreOptions {
  redis: Redis | (() => Redis);
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
  private readonly locks: Locks;
  private readonly stats: Stats;
  private readonly log: ThrottledLog;

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
    this.tags = new PageTagIndex(this.run, this.keys);
    this.stats = new Stats(this.run, this.keys.stats(), 1000);
  }

  entryKey(path: string): string {
    return this.keys.value(`entry:${this.options.buildId}:${path}`);
  }

  async read(path: string): Promise<PageRead> {
    const key = this.entryKey(path);
    const answer = await this.run((redis) => redis.getBuffer(key));
    if (!answer.ok) return { status: "error" };
    const entry = answer.value && decodeEntry(answer.value);
    if (!entry) return { status: "miss" };
    return { status: "hit", entry, stale: Date.now() >= entry.meta.freshUntil };
  }

  /** Stores the page unless one of its tags was purged since `generations` were read. */
  async write(path: string, entry: PageEntry, generations: string[]): Promise<boolean> {
    const bytes = encodeEntry(entry);
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
    this.stats.stop();
    await this.stats.flush();
  }
}
