// Generations: one key per tag holding a token that every forget (purge) replaces. An entry
// carries the generations of its tags as they were before its value was loaded, and a read takes
// it only while they are all still the current ones. So a forget holds whatever Redis evicts:
// its new token is never one a key held before (tokens.ts), and a generation that is missing
// (evicted, expired) matches nothing, so its entries are misses. The lists of a tag's entries
// then only free memory early and name what was deleted; losing one costs nothing but memory.
// A read learns generations through tracked-keys.ts (Redis pushes every change), so a hit
// usually asks Redis for its entry alone. Single-key commands only (Redis Cluster); used by
// the library's tags (tags.ts) and by the page cache's tag index.
import type { Run } from "../redis/breaker";
import { uniqueToken } from "./tokens";
import type { TrackedKeys } from "./tracked-keys";

export class Generations {
  /** `tracked`: watches these keys for this process; without it every read asks Redis. */
  constructor(
    private readonly run: Run,
    private readonly tracked: TrackedKeys | undefined,
    private readonly ttlMs: number,
  ) {}

  /** Each key's generation, if this process knows them all (Redis would tell it of a change). */
  known(keys: readonly string[]): string[] | undefined {
    const values: string[] = [];
    for (const key of keys) {
      const known = this.tracked?.trusted(key);
      if (!known) return undefined;
      values.push(known.value);
    }
    return values;
  }

  /**
   * Each key's generation now, null where there is none; null if Redis could not be asked. Only
   * the generations this process is not sure of are read, in one round trip.
   */
  async current(keys: readonly string[]): Promise<(string | null)[] | null> {
    const values: (string | null)[] = [];
    const asked: number[] = [];
    for (const [i, key] of keys.entries()) {
      const known = this.tracked?.trusted(key);
      values.push(known ? known.value : null);
      if (!known) asked.push(i);
    }
    if (asked.length === 0) return values;
    const ticket = this.tracked?.ticket() ?? 0;
    const answer = await this.run((redis) => Promise.all(asked.map((i) => redis.get(keys[i]))));
    if (!answer.ok) return null;
    for (const [j, i] of asked.entries()) {
      const value = answer.value[j];
      values[i] = value;
      if (value !== null) this.tracked?.learn(keys[i], value, -1, ticket);
    }
    return values;
  }

  /**
   * Before a value is loaded or a page rendered: each key's generation, made where missing (SET
   * NX GET: one made meanwhile by another process wins), renewed once half its TTL is gone (a
   * renewal is a change that every watching process is told of, so not on every call). Null if
   * Redis could not be asked: then store nothing.
   */
  async establish(keys: readonly string[]): Promise<string[] | null> {
    const minted = keys.map(() => uniqueToken());
    const answer = await this.run((redis) =>
      Promise.all(
        keys.flatMap((key, i) => [
          redis.set(key, minted[i], "PX", this.ttlMs, "NX", "GET"),
          redis.pttl(key),
        ]),
      ),
    );
    if (!answer.ok) return null;
    const ttls = keys.map((_, i) => Number(answer.value[2 * i + 1]));
    const aging = keys.filter((_, i) => ttls[i] * 2 < this.ttlMs);
    if (aging.length > 0)
      await this.run((redis) => Promise.all(aging.map((key) => redis.pexpire(key, this.ttlMs))));
    return keys.map((_, i) => (answer.value[2 * i] as string | null) ?? minted[i]);
  }

  /** A forget: a new generation for each key, at once in this process too. True if Redis took it. */
  async bump(keys: readonly string[]): Promise<boolean> {
    const answer = await this.run((redis) =>
      Promise.all(keys.map((key) => redis.set(key, uniqueToken(), "PX", this.ttlMs))),
    );
    for (const key of keys) this.tracked?.forget(key);
    return answer.ok;
  }
}

/** Whether an entry's generations are the current ones: all present, all equal. */
export function sameGenerations(
  carried: readonly string[] | undefined,
  current: readonly (string | null)[],
): boolean {
  return (
    carried !== undefined &&
    carried.length === current.length &&
    current.every((generation, i) => generation !== null && generation === carried[i])
  );
}
