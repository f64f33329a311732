import "server-only";
import { getFeedPage, getPopularPosts, getPostsByAuthor } from "@/lib/domains/posts/queries";
import {
  getProfile,
  getUser,
  getUserStatistics,
  recentlyPublishingAuthorIds,
} from "@/lib/domains/users/queries";
import { redis } from "@/lib/platform/redis";
import { whenReady, withLock } from "@/lib/redis";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";

const WARM_LOCK = "lock:warm";
const WARM_LOCK_MS = 120_000;
const FEED_PAGES = 3;
const ACTIVE_AUTHORS = 20;

export type WarmResult = { warmed: boolean; entries: number; ms: number };

async function warmAuthor(id: number): Promise<number> {
  const user = await getUser(id);
  if (!user) return 1;
  await Promise.all([
    getProfile(user.username.toLowerCase()),
    getUserStatistics(id),
    getPostsByAuthor(id, false),
  ]);
  return 4;
}

/**
 * Cache warming: the first feed pages, popular posts, and the most active authors with their
 * profiles, statistics and posts. One process at a time (a Redis lock); another process that
 * finds the lock taken skips, since the same entries are being filled for it.
 */
export async function warmCache(): Promise<WarmResult> {
  const started = performance.now();
  const warmed = await withLock(redis(), WARM_LOCK, WARM_LOCK_MS, async () => {
    await Promise.all([
      ...Array.from({ length: FEED_PAGES }, (_, i) => getFeedPage(i + 1)),
      getPopularPosts(),
    ]);
    let entries = FEED_PAGES + 1;
    for (const id of await recentlyPublishingAuthorIds(ACTIVE_AUTHORS))
      entries += await warmAuthor(id);
    return entries;
  });
  if (!warmed.acquired) return { warmed: false, entries: 0, ms: 0 };
  return { warmed: true, entries: warmed.value, ms: Math.round(performance.now() - started) };
}

export function warmInBackground(): void {
  whenReady(redis(), 10_000)
    .then(warmCache)
    .then((result) => logger.info("cache warming", result))
    .catch((error) => logger.warn("cache warming skipped", { error: errorMessage(error) }));
}
