// The time of the latest update of any tag of a namespace (`<ns>:tags:latest`, a sorted set of
// one member whose score is the time: ZADD GT only ever raises it). Raised before each update's
// records are written, so while a record exists this is at least its update time: a tag whose
// record is missing (lost to eviction, or never written) cannot have been updated later. Lost
// itself, it is made again as now, which nothing can be later than. See tag-store.ts.
import type { RedisClient } from "@/lib/redis/client";

const MEMBER = "t";

export class LatestUpdate {
  constructor(
    readonly key: string,
    private readonly ttlMs: number,
  ) {}

  /** Raises it to `now` (never lowers it), kept `ttlMs` past its last update. */
  raise(redis: RedisClient, now: number) {
    return Promise.all([
      redis.zadd(this.key, "GT", now, MEMBER),
      redis.pexpireat(this.key, now + this.ttlMs, "NX"),
      redis.pexpireat(this.key, now + this.ttlMs, "GT"),
    ]);
  }

  /** Its time, made `now` if it was lost; null if Redis answered none. */
  async read(redis: RedisClient, now: number): Promise<number | null> {
    const [, , score] = await Promise.all([
      redis.zadd(this.key, "NX", now, MEMBER),
      redis.pexpireat(this.key, now + this.ttlMs, "NX"),
      redis.zscore(this.key, MEMBER),
    ]);
    return score === null ? null : Number(score);
  }
}
