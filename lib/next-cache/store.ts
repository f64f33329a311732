// What both of Next's cache handlers stand on: one namespace of Redis reached through the cache
// library (breaker, fail-open, shared statistics), byte values under single keys, and the shared
// tag records. Every key has a TTL no longer than maxEntryTtlMs: the store owns eviction.
import { createRedisAccess, type RedisAccess, type RedisSource } from "@/lib/cache";
import { shortHash } from "@/lib/cache/keys";
import type { WarnLogger } from "@/lib/redis";
import { TagStore } from "./tag-store";

export interface NextCacheOptions {
  /** An ioredis client, or a factory called on first use (the app's shared client). */
  redis: RedisSource;
  /** First segment of every key. Default "next-cache". */
  namespace?: string;
  /** No entry lives longer in Redis, whatever its `expire`; tag records outlive it by this. Default 7 days. */
  maxEntryTtlSeconds?: number;
  /** Larger values are not stored (and logged). Default 8 MiB. */
  maxValueBytes?: number;
  /** A command not answered within this is a miss. Default 100. */
  commandTimeoutMs?: number;
  /** Every get misses and nothing is written: Next renders as if there were no cache. */
  disabled?: boolean;
  logger?: WarnLogger;
  /**
   * The clock (epoch ms) of tag records and ISR entries' lastModified. Default Date.now;
   * replaceable so tests order an entry and a tag update exactly. Absolute: record TTLs use it.
   */
  now?: () => number;
}

export type EntryKind = "use-cache" | "isr";

const KIND_SEGMENT: Record<EntryKind, string> = { "use-cache": "uc", isr: "isr" };

export class NextCacheStore {
  readonly access: RedisAccess;
  readonly tags: TagStore;
  readonly maxEntryTtlMs: number;
  readonly maxValueBytes: number;
  readonly now: () => number;

  constructor(options: NextCacheOptions) {
    this.access = createRedisAccess({
      redis: options.redis,
      namespace: options.namespace ?? "next-cache",
      commandTimeoutMs: options.commandTimeoutMs,
      disabled: options.disabled,
      logger: options.logger,
    });
    this.maxEntryTtlMs = (options.maxEntryTtlSeconds ?? 7 * 24 * 3600) * 1000;
    this.maxValueBytes = options.maxValueBytes ?? 8 * 1024 * 1024;
    this.now = options.now ?? Date.now;
    this.tags = new TagStore(this.access, this.maxEntryTtlMs, this.now);
  }

  get namespace(): string {
    return this.access.namespace;
  }

  // Next's keys can be long (serialized arguments): a hash keeps Redis keys short. The braces
  // make it the key's hash tag, so the slot is the same whatever the namespace.
  entryKey(kind: EntryKind, cacheKey: string): string {
    return `${this.namespace}:${KIND_SEGMENT[kind]}:{${shortHash(cacheKey)}}`;
  }

  /** The bytes, null if absent, "error" if Redis could not be asked. */
  async read(key: string): Promise<Buffer | null | "error"> {
    const answer = await this.access.run((redis) => redis.getBuffer(key));
    return answer.ok ? answer.value : "error";
  }

  /** Stores for ttlMs (capped at maxEntryTtlMs). False if not stored. */
  async write(key: string, value: Buffer, ttlMs: number): Promise<boolean> {
    if (value.byteLength > this.maxValueBytes) {
      this.access.warn(
        "too-large",
        `${key} not cached: ${value.byteLength} bytes, over ${this.maxValueBytes}`,
      );
      return false;
    }
    const ttl = Math.max(1, Math.min(Math.ceil(ttlMs), this.maxEntryTtlMs));
    const answer = await this.access.run((redis) => redis.set(key, value, "PX", ttl));
    return answer.ok;
  }
}
