// Which stored pages carry which tag, and a generation per tag that every purge bumps.
//   cache:page:tag:<tag>   SET of the entry keys carrying the tag (expires with its last entry)
//   cache:page:gen:<tag>   INCR on every purge of the tag
// A purge bumps the generation first, then deletes the entries in the set. A render notes the
// generations before it starts and, once its entry is written, checks them again and deletes
// the entry if any moved. So a render that read the data before a change never leaves its page
// behind the purge of that change: either the purge's SMEMBERS already sees the new entry, or
// the render's second look sees the new generation (docs/decisions/010-page-cache-in-front-of-next.md).
// Single-key commands only, so it works on Redis Cluster.
import type { Redis } from "ioredis";
import type { Keys, Run } from "@/lib/cache";

/** The tag every stored page carries, so that one purge can empty the whole page cache. */
export const ALL_PAGES = "all";

// A generation must outlive any render that read it; a day is far beyond that.
const GENERATION_TTL_MS = 24 * 3600 * 1000;

export class PageTagIndex {
  constructor(
    private readonly run: Run,
    private readonly keys: Keys,
  ) {}

  /** The tags' generations now (with `all`, which every page carries); null if Redis cannot be asked. */
  async generations(tags: string[]): Promise<string[] | null> {
    const answer = await this.run((redis) =>
      Promise.all(withAll(tags).map((tag) => redis.get(this.generationKey(tag)))),
    );
    return answer.ok ? answer.value.map((value) => value ?? "0") : null;
  }

  async add(entryKey: string, tags: string[], ttlMs: number): Promise<boolean> {
    const answer = await this.run((redis) =>
      Promise.all(
        withAll(tags).flatMap((tag) => [
          redis.sadd(this.tagKey(tag), entryKey),
          redis.pexpire(this.tagKey(tag), ttlMs),
        ]),
      ),
    );
    return answer.ok;
  }

  async unchangedSince(tags: string[], generations: string[]): Promise<boolean> {
    const now = await this.generations(tags);
    return now?.every((generation, i) => generation === generations[i]) ?? false;
  }

  /** Forgets every page carrying one of the tags, for every process. How many entries existed. */
  async purge(tags: string[]): Promise<number> {
    let removed = 0;
    for (const tag of new Set(tags)) {
      const generation = this.generationKey(tag);
      await this.must(`tag ${tag} not purged`, (redis) =>
        Promise.all([redis.incr(generation), redis.pexpire(generation, GENERATION_TTL_MS)]),
      );
      const members = await this.must(`pages of tag ${tag} not listed`, (redis) =>
        redis.smembers(this.tagKey(tag)),
      );
      const counts = await this.must(`pages of tag ${tag} not deleted`, (redis) =>
        Promise.all([...members.map((key) => redis.unlink(key)), redis.unlink(this.tagKey(tag))]),
      );
      removed += counts.slice(0, -1).reduce((sum, count) => sum + count, 0);
    }
    return removed;
  }

  private async must<T>(failure: string, command: (redis: Redis) => Promise<T>): Promise<T> {
    const answer = await this.run(command);
    if (!answer.ok) throw new Error(`page cache: ${failure}`);
    return answer.value;
  }

  /** The Redis keys of the tags' lists of pages, which purge(tags) deletes with the pages. */
  listKeys(tags: string[]): string[] {
    return [...new Set(tags)].map((tag) => this.tagKey(tag));
  }

  private tagKey(tag: string): string {
    return this.keys.value(`tag:${tag}`);
  }

  private generationKey(tag: string): string {
    return this.keys.value(`gen:${tag}`);
  }
}

function withAll(tags: string[]): string[] {
  return tags.includes(ALL_PAGES) ? tags : [...tags, ALL_PAGES];
}
