// When each cache tag was last marked stale or expired, shared by every process through Redis.
// One small hash per tag (`<ns>:tag:{<tag>}`, fields s and e, epoch ms), never one shared hash
// of every tag: each record is read and written with single-key commands, so it works on Redis
// Cluster, and each expires once no entry can still depend on it (entries live at most
// maxEntryTtlMs, so a record outlives its last timestamp by that much and no more). Needs Redis 7
// (PEXPIREAT NX/GT).
// The update logic is Next's built-in handler's: without durations a tag expires now
// (updateTag); with durations it is stale now and, if durations.expire is given, expires then
// (revalidateTag(tag, profile)).
import type { RedisAccess } from "@/lib/cache";

export interface TagState {
  stale?: number;
  expired?: number;
}

export type TagVerdict = "fresh" | "stale" | "expired";

export interface Durations {
  expire?: number;
}

export class TagStore {
  constructor(
    private readonly access: RedisAccess,
    private readonly maxEntryTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

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
   * have been invalidated is served.
   */
  async verdict(
    tags: readonly string[],
    timestamp: number,
    now = this.now(),
  ): Promise<TagVerdict | null> {
    if (tags.length === 0) return "fresh";
    const states = await this.read(tags);
    if (states === null) return null;
    if (isExpired(states, tags, timestamp, now)) return "expired";
    return isStale(states, tags, timestamp) ? "stale" : "fresh";
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
    const written = await Promise.all(
      [...new Set(tags)].map((tag) =>
        this.access.run((redis) => {
          const key = this.key(tag);
          // Three single-key commands in one round trip, no script: ioredis's auto-pipelining
          // routes an EVAL on a Cluster by its script text, not its key. NX gives a new record
          // its expiry; GT only ever extends one (an earlier, later expiry is never cut short).
          return Promise.all([
            redis.hset(key, fields),
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
