// Reading and writing cache entries under the namespace. Every write sets a TTL; a value
// that cannot be stored (too large, or of a type JSON cannot carry) is logged and skipped,
// never thrown, and an entry that cannot be read is a miss. An entry written with tags carries
// their generations and is read with them (tags.ts): one whose tags moved on is a miss.
// Calls over many keys send one command per hash slot on a Cluster (slots.ts).
import type { Run } from "../redis/breaker";
import { scanKeysThrough } from "../redis/scan";
import type { ThrottledLog } from "../redis/throttled-log";
import { type Entry, packEntry, unpackEntry } from "./entry";
import { sameGenerations } from "./generations";
import type { Keys } from "./keys";
import { mgetAll, setAll, unlinkAll } from "./slots";
import type { Tags } from "./tags";

export type Read = { status: "hit"; entry: Entry } | { status: "miss" } | { status: "error" };

/** An entry's tags, and their generations when its value was loaded (Tags.marks). */
export interface Tagged {
  names: readonly string[];
  marks: readonly string[];
}

// How long an entry is fresh, how long after that it may still be served stale, and how long
// its loader took (for early refresh).
export interface Lifetime {
  freshMs: number;
  staleMs: number;
  delta: number;
}

export function lifetime(timeout: number, stale = 0, delta = 0): Lifetime {
  if (!(timeout > 0) || !Number.isFinite(timeout)) {
    throw new RangeError(`cache timeout must be a positive number of seconds, got ${timeout}`);
  }
  if (!(stale >= 0) || !Number.isFinite(stale)) {
    throw new RangeError(`cache stale window must be zero or more seconds, got ${stale}`);
  }
  return { freshMs: Math.ceil(timeout * 1000), staleMs: Math.ceil(stale * 1000), delta };
}

const SCAN_COUNT = 1000;

export class Store {
  constructor(
    private readonly run: Run,
    private readonly keys: Keys,
    private readonly log: ThrottledLog,
    private readonly maxValueBytes: number,
    private readonly now: () => number,
    private readonly tags: Tags,
  ) {}

  /** With `tags`: their generations are read in the same round trip, or known (tracked-keys.ts). */
  async read(key: string, tags?: readonly string[]): Promise<Read> {
    if (tags && tags.length > 0) return this.readTagged(key, tags);
    const answer = await this.run((redis) => redis.get(this.keys.value(key)));
    return answer.ok ? this.parse(key, answer.value) : { status: "error" };
  }

  // Without the generations nothing is known to be current: an error, so nothing is stored.
  private async readTagged(key: string, tags: readonly string[]): Promise<Read> {
    const [answer, current] = await Promise.all([
      this.run((redis) => redis.get(this.keys.value(key))),
      this.tags.current(tags),
    ]);
    if (!answer.ok || current === null) return { status: "error" };
    const read = this.parse(key, answer.value);
    if (read.status !== "hit" || sameGenerations(read.entry.marks, current)) return read;
    return { status: "miss" };
  }

  async readMany(keys: string[]): Promise<Read[]> {
    if (keys.length === 0) return [];
    const fullKeys = keys.map((key) => this.keys.value(key));
    const answer = await this.run((redis) => mgetAll(redis, fullKeys));
    if (!answer.ok) return keys.map(() => ({ status: "error" }));
    return answer.value.map((text, i) => this.parse(keys[i], text));
  }

  /** `tagged`: the entry carries the generations and is listed under the tags. */
  async write(
    key: string,
    value: unknown,
    life: Lifetime,
    onlyIfAbsent = false,
    tagged?: Tagged,
  ): Promise<boolean> {
    const text = this.pack(key, value, life, tagged?.marks);
    if (text === undefined) return false;
    const fullKey = this.keys.value(key);
    const ttl = life.freshMs + life.staleMs;
    const [answer] = await Promise.all([
      this.run((redis) =>
        onlyIfAbsent
          ? redis.set(fullKey, text, "PX", ttl, "NX")
          : redis.set(fullKey, text, "PX", ttl),
      ),
      tagged && this.tags.add(tagged.names, key, ttl),
    ]);
    return answer.ok && answer.value === "OK";
  }

  // True when every value was stored.
  async writeMany(values: Record<string, unknown>, life: Lifetime): Promise<boolean> {
    const all = Object.entries(values);
    const packed = all.flatMap(([key, value]) => {
      const text = this.pack(key, value, life);
      return text === undefined ? [] : [[this.keys.value(key), text] as const];
    });
    if (packed.length === 0) return all.length === 0;
    const ttl = life.freshMs + life.staleMs;
    const answer = await this.run((redis) => setAll(redis, packed, ttl));
    return answer.ok && answer.value && packed.length === all.length;
  }

  async exists(key: string): Promise<boolean> {
    const answer = await this.run((redis) => redis.exists(this.keys.value(key)));
    return answer.ok && answer.value === 1;
  }

  // UNLINK frees memory in the background, so deleting a large value never blocks Redis.
  async remove(keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const fullKeys = keys.map((key) => this.keys.value(key));
    const answer = await this.run((redis) => unlinkAll(redis, fullKeys));
    return answer.ok ? answer.value : 0;
  }

  // SCAN in pages and UNLINK each page: never KEYS or FLUSHDB, which would block Redis or take
  // other namespaces with them. On a Cluster every master is walked, since each holds its own
  // keys. Each command goes through the breaker: one that fails ends the clear where it is. The
  // shared statistics are not cached data and survive.
  async clear(): Promise<number> {
    const statsKey = this.keys.stats();
    let removed = 0;
    for await (const page of scanKeysThrough(this.run, this.keys.pattern(), SCAN_COUNT)) {
      const doomed = page.filter((key) => key !== statsKey);
      if (doomed.length === 0) continue;
      const answer = await this.run((redis) => unlinkAll(redis, doomed));
      if (!answer.ok) break;
      removed += answer.value;
    }
    return removed;
  }

  // An entry as Redis gave it (null: absent); one that cannot be read is a miss.
  parse(key: string, text: string | null): Read {
    if (text === null) return { status: "miss" };
    try {
      return { status: "hit", entry: unpackEntry(text) };
    } catch (error) {
      this.log.warn(
        "unreadable",
        `entry ${key} is unreadable, treated as a miss: ${String(error)}`,
      );
      return { status: "miss" };
    }
  }

  private pack(
    key: string,
    value: unknown,
    life: Lifetime,
    marks?: readonly string[],
  ): string | undefined {
    let text: string;
    try {
      text = packEntry(value, this.now() + life.freshMs, life.delta, marks);
    } catch (error) {
      this.log.warn("unserializable", `${key} not cached: ${String(error)}`);
      return undefined;
    }
    const bytes = Buffer.byteLength(text);
    if (bytes > this.maxValueBytes) {
      this.log.warn(
        "too-large",
        `${key} not cached: ${bytes} bytes, over the ${this.maxValueBytes}-byte limit`,
      );
      return undefined;
    }
    return text;
  }
}
