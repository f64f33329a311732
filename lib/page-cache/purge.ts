import "server-only";
import { Keys } from "@/lib/cache";
import { env } from "@/lib/platform/env";
import { cacheRedis } from "@/lib/platform/redis";
import { Breaker, ThrottledLog } from "@/lib/redis";
import { logger } from "@/lib/util/logger";
import { remember } from "@/lib/util/remember";
import { PAGE_NAMESPACE } from "./store";
import { PageTagIndex } from "./tag-index";

// The app's side of the page cache: lib/blog/invalidation/ purges the pages a change makes wrong.
// Purges go through a breaker like every cache call, so a Redis outage fails them fast (the
// caller logs it; a page then lives at most its fresh time, after which it is rendered again).
// They get the app's command timeout rather than the cache's read timeout: a write may wait a
// little longer than a lookup on a busy Redis, and a purge that gives up too soon leaves pages stale.
function index(): PageTagIndex {
  return remember("pageTagIndex", () => {
    const log = new ThrottledLog(logger, {
      prefix: `[cache ${PAGE_NAMESPACE}] `,
      intervalMs: 10_000,
    });
    const breaker = new Breaker(
      {
        name: `${PAGE_NAMESPACE}:purge`,
        commandTimeoutMs: env().REDIS_COMMAND_TIMEOUT_MS,
        failureThreshold: 5,
        cooldownMs: 5000,
      },
      log,
      () => {},
    );
    return new PageTagIndex(
      (command) => breaker.run(() => command(cacheRedis())),
      new Keys(PAGE_NAMESPACE),
    );
  });
}

const pagesCached = () => env().PAGE_CACHE_ENABLED && env().CACHE_ENABLED;

/** Deletes every stored page carrying one of the tags, for every app process. */
export async function purgePages(tags: string[]): Promise<number> {
  if (!pagesCached() || tags.length === 0) return 0;
  return index().purge(tags);
}

/** The Redis keys of the tags' lists of pages, which purgePages(tags) deletes with the pages. */
export function pageTagKeys(tags: string[]): string[] {
  return pagesCached() ? index().listKeys(tags) : [];
}
