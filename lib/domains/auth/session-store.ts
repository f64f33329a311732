import { randomBytes } from "node:crypto";
import type { RedisClient } from "@/lib/redis/client";

// Sessions live in Redis: `session:<sid>` holds the record with a sliding TTL, and
// `sessions:user:<id>` indexes a user's session ids (scored by expiry) for "sign out everywhere".
export type SessionRecord = { userId: number; remember: boolean; createdAt: number };

export type SessionTtl = { idleSeconds: number; rememberSeconds: number };

/** The TTLs the settings give: SESSION_IDLE_TTL_SECONDS, and SESSION_REMEMBER_DAYS in seconds. */
export function sessionTtl(settings: {
  SESSION_IDLE_TTL_SECONDS: number;
  SESSION_REMEMBER_DAYS: number;
}): SessionTtl {
  return {
    idleSeconds: settings.SESSION_IDLE_TTL_SECONDS,
    rememberSeconds: settings.SESSION_REMEMBER_DAYS * 86_400,
  };
}

const sessionKey = (sid: string) => `session:${sid}`;
const userIndexKey = (userId: number) => `sessions:user:${userId}`;

// A process refreshes the expiry of a session it reads once a minute, not on every request (three
// commands each); once a tenth of the idle TTL where that is shorter (SESSION_IDLE_TTL_SECONDS may
// be as low as 60), so that a session in use never ends. It remembers the sessions it refreshed
// lately, at most TOUCHED_MAX of them (the oldest go first).
const TOUCH_EVERY_MS = 60_000;
const TOUCHED_MAX = 10_000;
const touched = new Map<string, number>();

function dueForTouch(sid: string, idleSeconds: number, now = Date.now()): boolean {
  const last = touched.get(sid);
  if (last !== undefined && now - last < Math.min(TOUCH_EVERY_MS, idleSeconds * 100)) return false;
  touched.delete(sid);
  if (touched.size >= TOUCHED_MAX) touched.delete(touched.keys().next().value as string);
  touched.set(sid, now);
  return true;
}

export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

export class SessionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly ttl: SessionTtl,
  ) {}

  private ttlOf(record: SessionRecord): number {
    return record.remember ? this.ttl.rememberSeconds : this.ttl.idleSeconds;
  }

  async create(userId: number, remember: boolean): Promise<string> {
    const sid = newSessionId();
    const record: SessionRecord = { userId, remember, createdAt: Date.now() };
    const ttl = this.ttlOf(record);
    const index = userIndexKey(userId);
    // Separate commands, not MULTI: the two keys may live in different Cluster slots.
    // Auto-pipelining still sends them in one round trip.
    await Promise.all([
      this.redis.set(sessionKey(sid), JSON.stringify(record), "EX", ttl),
      this.redis.zadd(index, Date.now() + ttl * 1000, sid),
      this.redis.zremrangebyscore(index, "-inf", Date.now()),
      this.redis.expire(index, this.ttl.rememberSeconds),
    ]);
    return sid;
  }

  // Reading a session slides its expiry (at most once a minute per process, see dueForTouch); the
  // refresh is not awaited by the reader.
  async read(sid: string): Promise<SessionRecord | null> {
    const raw = await this.redis.get(sessionKey(sid));
    if (!raw) return null;
    const record = JSON.parse(raw) as SessionRecord;
    if (dueForTouch(sid, this.ttl.idleSeconds)) this.touch(sid, record).catch(() => {});
    return record;
  }

  // XX: the refresh of a read that raced "sign out everywhere" must not put an ended session back
  // in the index (it would stay there, a dead id, until the index expires).
  private async touch(sid: string, record: SessionRecord) {
    const ttl = this.ttlOf(record);
    const index = userIndexKey(record.userId);
    await Promise.all([
      this.redis.expire(sessionKey(sid), ttl),
      this.redis.zadd(index, "XX", Date.now() + ttl * 1000, sid),
      this.redis.expire(index, this.ttl.rememberSeconds),
    ]);
  }

  async destroy(sid: string): Promise<void> {
    const raw = await this.redis.getdel(sessionKey(sid));
    if (raw) {
      const { userId } = JSON.parse(raw) as SessionRecord;
      await this.redis.zrem(userIndexKey(userId), sid);
    }
  }

  // Ends every session of a user except `keepSid`; returns how many it ended.
  async destroyAllOf(userId: number, keepSid?: string): Promise<number> {
    const index = userIndexKey(userId);
    const sids = (await this.redis.zrange(index, 0, -1)).filter((sid) => sid !== keepSid);
    if (sids.length === 0) return 0;
    const [deleted] = await Promise.all([
      Promise.all(sids.map((sid) => this.redis.unlink(sessionKey(sid)))),
      this.redis.zrem(index, ...sids),
    ]);
    return deleted.reduce((sum, n) => sum + n, 0);
  }

  async sessionIdsOf(userId: number): Promise<string[]> {
    return this.redis.zrangebyscore(userIndexKey(userId), Date.now(), "+inf");
  }
}
