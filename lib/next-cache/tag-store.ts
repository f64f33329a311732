// When each cache tag was last marked stale or expired, shared by every process through Redis.
// One small hash per tag (`<ns>:tag:{<tag>}`, fields s and e, epoch ms), never one shared hash
// of every tag: each record is read and written with single-key commands, so it works on Redis
// Cluster, and each expires once no entry can still depend on it (entries live at most
// maxEntryTtlMs, so a record outlives its last timestamp by that much and no more).
// The update logic is Next's built-in handler's: without durations a tag expires now
// (updateTag); with durations it is stale now and, if durations.expire is given, expires then
// (revalidateTag(tag, profile)).
import type { RedisAccess } from "@/lib/cache";
import { luaScript } from "@/lib/redis-script";

export interface TagState {
  stale?: number;
  expired?: number;
}

export interface Durations {
  expire?: number;
}

// ARGV: now, "expire" | "stale", expire-at ('' for none), ms to keep the record after its last timestamp.
const updateTag = luaScript<number>(`
local now = tonumber(ARGV[1])
if ARGV[2] == 'expire' then
  redis.call('HSET', KEYS[1], 'e', now)
else
  redis.call('HSET', KEYS[1], 's', now)
  if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'e', ARGV[3]) end
end
local last = math.max(now, tonumber(redis.call('HGET', KEYS[1], 'e') or '0'))
redis.call('PEXPIREAT', KEYS[1], last + tonumber(ARGV[4]))
return 1
`);

export class TagStore {
  constructor(
    private readonly access: RedisAccess,
    private readonly maxEntryTtlMs: number,
  ) {}

  key(tag: string): string {
    return `${this.access.namespace}:tag:{${tag}}`;
  }

  /** The state of each tag that has one; null when Redis could not be asked. */
  async read(tags: readonly string[]): Promise<Map<string, TagState> | null> {
    const unique = [...new Set(tags)];
    // One HMGET per tag, sent together (ioredis auto-pipelines them, per node on a Cluster).
    const answers = await Promise.all(unique.map((tag) => this.access.run((redis) => redis.hmget(this.key(tag), "s", "e"))));
    const states = new Map<string, TagState>();
    for (const [i, answer] of answers.entries()) {
      if (!answer.ok) return null;
      const [stale, expired] = answer.value;
      if (stale === null && expired === null) continue;
      states.set(unique[i], { stale: toNumber(stale), expired: toNumber(expired) });
    }
    return states;
  }

  /** Next's updateTags: true when every tag's record was written. */
  async update(tags: readonly string[], durations?: Durations, now = Date.now()): Promise<boolean> {
    const mode = durations ? "stale" : "expire";
    const expireAt = durations?.expire !== undefined ? String(now + durations.expire * 1000) : "";
    const written = await Promise.all(
      [...new Set(tags)].map((tag) =>
        this.access.run((redis) => updateTag(redis, [this.key(tag)], [now, mode, expireAt, this.maxEntryTtlMs])),
      ),
    );
    const ok = written.every((answer) => answer.ok);
    if (!ok) this.access.warn("tags-not-written", `tags ${tags.join(", ")} could not be marked in Redis`);
    return ok;
  }
}

const toNumber = (text: string | null) => (text === null ? undefined : Number(text));

// An entry made at `timestamp` is expired by a tag whose expiry has come and was set after it.
export function isExpired(states: Map<string, TagState>, tags: readonly string[], timestamp: number, now: number): boolean {
  return tags.some((tag) => {
    const expired = states.get(tag)?.expired;
    return expired !== undefined && expired <= now && expired > timestamp;
  });
}

// An entry made at `timestamp` is stale if a tag was marked stale after it.
export function isStale(states: Map<string, TagState>, tags: readonly string[], timestamp: number): boolean {
  return tags.some((tag) => (states.get(tag)?.stale ?? 0) > timestamp);
}

// The latest expiry among the tags that has already come (a future one does not count yet).
export function latestExpiry(states: Map<string, TagState>, now: number): number {
  let latest = 0;
  for (const { expired } of states.values()) if (expired !== undefined && expired <= now) latest = Math.max(latest, expired);
  return latest;
}
