// When each cache tag was last marked stale or expired, shared by every process through Redis.
// One small hash per tag (`<ns>:tag:{<tag>}`, fields s and e, epoch ms), never one shared hash
// of every tag: each record is read and written with single-key commands, so it works on Redis
// Cluster, and each expires once it has outlived the entries made before its last timestamp
// (entries live at most maxEntryTtlMs). Needs Redis 7 (PEXPIREAT NX/GT).
// The update logic is Next's built-in handler's: without durations a tag expires now
// (updateTag); with durations it is stale now and, if durations.expire is given, expires then
// (revalidateTag(tag, profile)).
// A record lost to eviction (the cache role evicts) cannot be told from one never written, yet
// entries made before its update may live on. So the namespace keeps one more key, the time of
// the latest update of any tag (latest-update.ts): a tag without a record is taken as expired
// then (never later than now), and the record is written so (HSETNX: one written meanwhile is
// kept); storing an entry writes its tags' records the same way. Losing a record costs a miss
// to the entries made before the latest update of any tag, never a stale answer; losing that key
// too, to those made before it is made again, as now (docs/decisions/029).
import type { RedisAccess } from "@/lib/cache";
import { LatestUpdate } from "./latest-update";

export interface TagState {
  stale?: number;
  expired?: number;
}

export type TagVerdict = "fresh" | "stale" | "expired";

export interface Durations {
  expire?: number;
}

export class TagStore {
  private readonly latest: LatestUpdate;

  constructor(
    private readonly access: RedisAccess,
    private readonly maxEntryTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.latest = new LatestUpdate(`${access.namespace}:tags:latest`, maxEntryTtlMs);
  }

  key(tag: string): string {
    return `${this.access.namespace}:tag:{${tag}}`;
  }

  /** The state of each tag that has one; null when Redis could not be asked. */
  async read(tags: readonly string[]): Promise<Map<string, TagState> | null> {
    const unique = [...new Set(tags)];
    // One HMGET per tag, sent together (ioredis auto-pipelines them, per node on a Cluster).
    const answers = await Promise.all(
      unique.map((tag) => this.access.run((redis) => redis.hmget(this.key(tag), "s", "e"))),
    );
    const states = new Map<string, TagState>();
    for (const [i, answer] of answers.entries()) {
      if (!answer.ok) return null;
      const [stale, expired] = answer.value;
      if (stale === null && expired === null) continue;
      states.set(unique[i], { stale: toNumber(stale), expired: toNumber(expired) });
    }
    return states;
  }

  /**
   * What the tags say of an entry made at `timestamp`: expired (a miss), stale (served once more
   * while it is replaced) or fresh; null when Redis could not be asked, so that nothing that might
   * have been invalidated is served. `read`: these very tags' states, asked for already.
   */
  async verdict(
    tags: readonly string[],
    timestamp: number,
    now = this.now(),
    read?: Promise<Map<string, TagState> | null>,
  ): Promise<TagVerdict | null> {
    if (tags.length === 0) return "fresh";
    const states = await (read ?? this.read(tags));
    if (states === null) return null;
    const missing = [...new Set(tags)].filter((tag) => !states.has(tag));
    if (missing.length > 0) {
      const latest = await this.pin(missing, now);
      if (latest === null) return null;
      for (const tag of missing) states.set(tag, { expired: latest });
    }
    if (isExpired(states, tags, timestamp, now)) return "expired";
    return isStale(states, tags, timestamp) ? "stale" : "fresh";
  }

  /** The key of the latest update of any tag (latest-update.ts). */
  latestKey(): string {
    return this.latest.key;
  }

  /**
   * On a miss, before Next renders: makes the latest update's time now if it was lost, so that
   * the entry about to be made is later than it (not expired by a tag without a record).
   */
  markMiss(now = this.now()): void {
    void this.access.run((redis) => this.latest.read(redis, now));
  }

  /**
   * Gives each tag without a record one, expired at the latest update of any tag (never later
   * than now: another process's clock may run ahead); a record that exists is kept (every record
   * has an `e`, so HSETNX leaves it alone). Done when an entry is stored too, so that its tags
   * have records from before any later update. The expiry given; null if Redis could not be asked.
   */
  async pin(tags: readonly string[], now = this.now()): Promise<number | null> {
    const latest = await this.access.run((redis) => this.latest.read(redis, now));
    if (!latest.ok || latest.value === null) return null;
    const expired = Math.min(latest.value, now);
    const keepUntil = now + this.maxEntryTtlMs;
    await Promise.all(
      tags.map((tag) =>
        this.access.run((redis) => {
          const record = this.key(tag);
          return Promise.all([
            redis.hsetnx(record, "e", expired),
            redis.pexpireat(record, keepUntil, "NX"),
          ]);
        }),
      ),
    );
    return expired;
  }

  /** Next's updateTags: true when every tag's record was written. */
  async update(tags: readonly string[], durations?: Durations, now = this.now()): Promise<boolean> {
    const expireAt = durations
      ? durations.expire !== undefined
        ? now + durations.expire * 1000
        : undefined
      : now;
    const fields: Record<string, number> = durations ? { s: now } : {};
    if (expireAt !== undefined) fields.e = expireAt;
    // Kept until its last timestamp has passed and every entry made before it has expired.
    const keepUntil = Math.max(now, expireAt ?? now) + this.maxEntryTtlMs;
    // The latest update first. Its time, not a future expiry: a lost record read as expiring
    // later would let the entries made before an earlier update of its tag be served until then.
    const raised = await this.access.run((redis) => this.latest.raise(redis, now));
    const written = !raised.ok
      ? [raised]
      : await Promise.all(
          [...new Set(tags)].map((tag) =>
            this.access.run((redis) => {
              const key = this.key(tag);
              // Three single-key commands in one round trip, no script: ioredis's auto-pipelining
              // routes an EVAL on a Cluster by its script text, not its key. NX gives a new record
              // its expiry; GT only ever extends one (an earlier, later expiry is never cut short).
              // `e` 0 (never expired) in a record that is only stale: every record has an `e`.
              return Promise.all([
                redis.hset(key, fields),
                redis.hsetnx(key, "e", 0),
                redis.pexpireat(key, keepUntil, "NX"),
                redis.pexpireat(key, keepUntil, "GT"),
              ]);
            }),
          ),
        );
    const ok = written.every((answer) => answer.ok);
    if (!ok)
      this.access.warn("tags-not-written", `tags ${tags.join(", ")} could not be marked in Redis`);
    return ok;
  }
}

const toNumber = (text: string | null) => (text === null ? undefined : Number(text));

// An entry made at `timestamp` is expired by a tag whose expiry has come and was set after it.
// Strictly after, as Next's areTagsExpired (tags-manifest.external.ts): an expiry in the entry's
// own millisecond does not expire it.
function isExpired(
  states: Map<string, TagState>,
  tags: readonly string[],
  timestamp: number,
  now: number,
): boolean {
  return tags.some((tag) => {
    const expired = states.get(tag)?.expired;
    return expired !== undefined && expired <= now && expired > timestamp;
  });
}

// An entry made at `timestamp` is stale if a tag was marked stale after it (strictly, as Next's
// areTagsStale).
function isStale(
  states: Map<string, TagState>,
  tags: readonly string[],
  timestamp: number,
): boolean {
  return tags.some((tag) => (states.get(tag)?.stale ?? 0) > timestamp);
}
