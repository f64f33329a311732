// Tags: families of entries whose keys cannot be known in advance (every feed page ever cached),
// forgotten by one call, without SCAN and without asking the database. Two records per tag:
//   <namespace>:gen:<name>  its generation (generations.ts): an entry written with `tags` carries
//                           the generations it was loaded under and is a miss once one changed or
//                           is gone, so forget() holds whatever Redis evicted;
//   <namespace>:tag:<name>  a set listing its entries, so that forget() deletes them at once (the
//                           memory) and names them; it expires with the last entry added to it.
// A set lost to eviction leaves its entries in Redis until their TTL, unreachable. Single-key
// commands only (Redis Cluster).
import type { Run } from "../redis/breaker";
import type { Generations } from "./generations";
import type { Keys } from "./keys";

export class Tags {
  constructor(
    private readonly run: Run,
    private readonly keys: Keys,
    private readonly generations: Generations,
  ) {}

  /** The tags' generations now (null where there is none), to check an entry read with them. */
  current(names: readonly string[]): Promise<(string | null)[] | null> {
    return this.generations.current(names.map((name) => this.keys.generation(name)));
  }

  /** Before a value is loaded: the generations it will carry, made where missing. */
  marks(names: readonly string[]): Promise<string[] | null> {
    return this.generations.establish(names.map((name) => this.keys.generation(name)));
  }

  /** Lists the entry under the tags for `ttlMs`. True if Redis took it. */
  async add(names: readonly string[], key: string, ttlMs: number): Promise<boolean> {
    const member = this.keys.value(key);
    const answer = await this.run((redis) =>
      Promise.all(
        names.flatMap((name) => [
          redis.sadd(this.keys.tag(name), member),
          redis.pexpire(this.keys.tag(name), ttlMs),
        ]),
      ),
    );
    return answer.ok;
  }

  /**
   * Forgets the tag's entries: a new generation first (every entry carrying the old one is a miss
   * from then on, listed or not), then the listed entries and the list deleted. The Redis keys it
   * acted on: the generation, the list, the entries; null if Redis did not take it. The list is
   * read and emptied in one MULTI, so an entry listed meanwhile is deleted now or by the next one.
   */
  async forget(name: string): Promise<string[] | null> {
    const generation = this.keys.generation(name);
    if (!(await this.generations.bump([generation]))) return null;
    const tagKey = this.keys.tag(name);
    const listed = await this.run((redis) => redis.multi().smembers(tagKey).del(tagKey).exec());
    const members = listed.ok ? listed.value?.[0]?.[1] : undefined;
    if (!Array.isArray(members)) return null;
    const keys = members as string[];
    const deleted = await this.run((redis) => Promise.all(keys.map((key) => redis.unlink(key))));
    return deleted.ok ? [generation, tagKey, ...keys] : null;
  }
}
