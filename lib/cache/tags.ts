// Tags: a set in Redis listing the entries written under a tag (`<namespace>:tag:<name>`), so
// one call deletes a family of entries whose keys cannot be known in advance (every feed page
// ever cached), without SCAN and without asking the database, and says which keys they were.
// The set expires with the last entry added to it. Single-key commands only (Redis Cluster).
import type { Run } from "../redis/breaker";
import type { Keys } from "./keys";

export class Tags {
  constructor(
    private readonly run: Run,
    private readonly keys: Keys,
  ) {}

  /** Lists the entry under the tag for `ttlMs`. True if Redis took it. */
  async add(name: string, key: string, ttlMs: number): Promise<boolean> {
    const tagKey = this.keys.tag(name);
    const answer = await this.run((redis) =>
      redis.multi().sadd(tagKey, this.keys.value(key)).pexpire(tagKey, ttlMs).exec(),
    );
    return answer.ok;
  }

  /**
   * Deletes the tag's entries and the tag: the Redis keys it deleted, the tag's own first; null
   * if Redis did not take it. The list is read and emptied in one MULTI, so an entry tagged
   * meanwhile is either deleted now or listed for the next forget, never lost from the list.
   */
  async forget(name: string): Promise<string[] | null> {
    const tagKey = this.keys.tag(name);
    const listed = await this.run((redis) => redis.multi().smembers(tagKey).del(tagKey).exec());
    const members = listed.ok ? listed.value?.[0]?.[1] : undefined;
    if (!Array.isArray(members)) return null;
    const keys = members as string[];
    const deleted = await this.run((redis) => Promise.all(keys.map((key) => redis.unlink(key))));
    return deleted.ok ? [tagKey, ...keys] : null;
  }
}
