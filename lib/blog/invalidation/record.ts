import "server-only";
import type { Memoized } from "@/lib/blog-cache/caches";
import { type Cache, Keys } from "@/lib/cache";
import { pageTagKeys, purgePages } from "@/lib/page-cache/purge";
import { publishCacheInvalidated } from "@/lib/realtime/publish";

// One change's invalidation, recorded as it is done: each call deletes (or bumps a version, or
// writes through) and notes the Redis key it acted on, and publish() tells live listeners (the
// admin page's log) exactly those keys. Nothing is listed by hand, so the log cannot name a key
// that was not touched or miss one that was, and every key it names is a real one that the
// admin key browser opens. Publishing never throws, so it never fails the write.
export class Invalidation {
  private readonly keys = new Set<string>();

  constructor(readonly reason: string) {}

  /** Cache-aside entries, deleted. */
  async forget(cache: Cache, ...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const named = new Keys(cache.namespace);
    for (const key of keys) this.keys.add(named.value(key));
    await cache.deleteMany(keys);
  }

  /** One memoized call's entry, deleted; or (no arguments) the whole function, by its version. */
  async forgetCall<A extends unknown[], R>(fn: Memoized<A, R>, ...args: A | []): Promise<void> {
    this.note(await fn.forget(...args));
  }

  /** Write-through: the memoized call's entry replaced by the new value. */
  async prime<A extends unknown[], R>(fn: Memoized<A, R>, args: A, value: R): Promise<void> {
    this.note(await fn.prime(args, value));
  }

  /** Write-through of a plain entry: `write` stores (or deletes) the entry under `key`. */
  async writeThrough(cache: Cache, key: string, write: () => Promise<unknown>): Promise<void> {
    this.keys.add(new Keys(cache.namespace).value(key));
    await write();
  }

  /** Every entry of a group (Cache.groupVersion), by bumping the group's version. */
  async forgetGroup(cache: Cache, name: string): Promise<void> {
    if (!(await cache.forgetGroup(name)))
      throw new Error(`group ${name} of ${cache.namespace} not forgotten`);
    this.keys.add(new Keys(cache.namespace).groupVersion(name));
  }

  /** Every entry written under a tag (getOrSet's `tags`): a new generation, the list's deleted. */
  async forgetTag(cache: Cache, name: string): Promise<void> {
    const deleted = await cache.forgetTag(name);
    if (deleted === null) throw new Error(`tag ${name} of ${cache.namespace} not forgotten`);
    for (const key of deleted) this.keys.add(key);
  }

  /** Whole pages of the page cache carrying these tags, named by each tag's list of pages. */
  async purgePages(tags: string[]): Promise<void> {
    await purgePages(tags);
    for (const key of pageTagKeys(tags)) this.keys.add(key);
  }

  /** Waits for the work, tells listeners what was done, then fails as the first failure did. */
  async complete(work: Promise<unknown>[]): Promise<void> {
    const results = await Promise.allSettled(work);
    await this.publish();
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  /** One event with every key noted so far (none: no event). Resolves to whether it was sent. */
  publish(): Promise<boolean> {
    const keys = [...this.keys];
    if (keys.length === 0) return Promise.resolve(false);
    const namespaces = [...new Set(keys.map((key) => key.split(":").slice(0, 2).join(":")))];
    return publishCacheInvalidated({ namespace: namespaces.join(", "), keys, reason: this.reason });
  }

  private note(key: string | null): void {
    if (key !== null) this.keys.add(key);
  }
}
