// Which stored pages carry which tag, and a generation per tag that every purge replaces.
//   cache:page:gen:<tag>   a token never used before (lib/cache's Generations): a page carries the
//                          generations of its tags as they were before its render, and is served
//                          only while they are all still the current ones
//   cache:page:tag:<tag>   SET of the entry keys carrying the tag (expires with its last entry)
// A purge replaces the generations first, then deletes the pages in the sets: the generation is
// what makes the purge hold, also for a page stored by a render that read the data before the
// change, and when Redis (an evicting cache role) has evicted the set or the generation itself:
// a missing generation matches no page. The sets only free the memory at once; a set lost to
// eviction leaves its pages unreachable until their TTL. A render still checks the generations
// after writing, to delete at once a page that a purge overtook
// (docs/decisions/010-page-cache-in-front-of-next.md, 029-eviction-safe-invalidation.md).
// Single-key commands only, so it works on Redis Cluster.

import { Generations, type Keys, type Run, sameGenerations, type TrackedKeys } from "@/lib/cache";
import type { RedisClient } from "@/lib/redis/client";

/** The tag every stored page carries, so that one purge can empty the whole page cache. */
export const ALL_PAGES = "all";

// A generation outlives the pages stored under it (a lost one costs each of them a miss, then
// a render), and is renewed by the renders of its pages.
const GENERATION_TTL_MS = 24 * 3600 * 1000;

export class PageTagIndex {
  private readonly generationsOf: Generations;
  private readonly generationKeyPrefix: string;

  /** `tracked`: watches the generations for this process (a reader's); none for a purger. */
  constructor(
    private readonly run: Run,
    private readonly keys: Keys,
    tracked?: TrackedKeys,
    generationTtlMs = GENERATION_TTL_MS,
  ) {
    this.generationsOf = new Generations(run, tracked, generationTtlMs);
    this.generationKeyPrefix = generationPrefix(keys);
  }

  /**
   * Before a render: the tags' generations (with `all`, which every page carries), made where
   * missing, for the page to carry; null if Redis cannot be asked.
   */
  generations(tags: readonly string[]): Promise<string[] | null> {
    return this.generationsOf.establish(this.generationKeys(tags));
  }

  /** The tags' generations (with `all`) if this process knows them all, without asking Redis. */
  known(tags: readonly string[]): string[] | undefined {
    return this.generationsOf.known(this.generationKeys(tags));
  }

  /**
   * The tags' generations now, null where there is none (with `all`); null if Redis cannot be
   * asked. Only those this process does not know (tracked) are read.
   */
  current(tags: readonly string[]): Promise<(string | null)[] | null> {
    return this.generationsOf.current(this.generationKeys(tags));
  }

  async add(entryKey: string, tags: readonly string[], ttlMs: number): Promise<boolean> {
    const answer = await this.run((redis) =>
      Promise.all(
        withAll(tags).flatMap((tag) => [
          redis.sadd(pageTagKey(this.keys, tag), entryKey),
          redis.pexpire(pageTagKey(this.keys, tag), ttlMs),
        ]),
      ),
    );
    return answer.ok;
  }

  async unchangedSince(tags: readonly string[], generations: readonly string[]): Promise<boolean> {
    const current = await this.current(tags);
    return current !== null && sameGenerations(generations, current);
  }

  /** Forgets every page carrying one of the tags, for every process. How many entries existed. */
  async purge(tags: string[]): Promise<number> {
    let removed = 0;
    for (const tag of new Set(tags)) {
      if (!(await this.generationsOf.bump([this.generationKey(tag)])))
        throw new Error(`page cache: tag ${tag} not purged`);
      const members = await this.must(`pages of tag ${tag} not listed`, (redis) =>
        redis.smembers(pageTagKey(this.keys, tag)),
      );
      const counts = await this.must(`pages of tag ${tag} not deleted`, (redis) =>
        Promise.all([
          ...members.map((key) => redis.unlink(key)),
          redis.unlink(pageTagKey(this.keys, tag)),
        ]),
      );
      removed += counts.slice(0, -1).reduce((sum, count) => sum + count, 0);
    }
    return removed;
  }

  private async must<T>(failure: string, command: (redis: RedisClient) => Promise<T>): Promise<T> {
    const answer = await this.run(command);
    if (!answer.ok) throw new Error(`page cache: ${failure}`);
    return answer.value;
  }

  /** The Redis keys of the tags' lists of pages, which purge(tags) deletes with the pages. */
  listKeys(tags: string[]): string[] {
    return [...new Set(tags)].map((tag) => pageTagKey(this.keys, tag));
  }

  private generationKeys(tags: readonly string[]): string[] {
    return withAll(tags).map((tag) => this.generationKey(tag));
  }

  private generationKey(tag: string): string {
    return this.generationKeyPrefix + tag;
  }
}

/** The set of the entry keys that carry `tag`. */
export const pageTagKey = (keys: Keys, tag: string) => keys.value(`tag:${tag}`);

/** Where the generations are: what a reader's TrackedKeys watches. */
export const generationPrefix = (keys: Keys) => keys.value("gen:");

function withAll(tags: readonly string[]): readonly string[] {
  return tags.includes(ALL_PAGES) ? tags : [...tags, ALL_PAGES];
}
