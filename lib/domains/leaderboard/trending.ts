import "server-only";
import { trendingKey } from "@/lib/domains/leaderboard/keys";
import { trendingPostsById } from "@/lib/domains/leaderboard/queries";
import { redis } from "@/lib/platform/redis";
import { recordOperation } from "@/lib/platform/request-trace";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";

export type TrendingPost = {
  id: number;
  slug: string;
  title: string;
  authorName: string;
  viewsToday: number;
};

// Read a few more than shown: drafts are skipped, deleted posts removed as they are met.
const SPARE = 10;

/**
 * Trending today: the posts with the most views counted today (a daily sorted set that expires
 * after two days), with their titles read in one query. The set is not rebuilt when Redis loses
 * it: today's views start again from zero.
 */
export async function getTrendingToday(count = 5): Promise<TrendingPost[]> {
  const started = performance.now();
  const key = trendingKey();
  let flat: string[];
  try {
    flat = await redis().zrevrange(key, 0, count + SPARE - 1, "WITHSCORES");
  } catch (error) {
    logger.warn("trending posts unavailable", { error: errorMessage(error) });
    return [];
  }
  recordOperation({
    key,
    pattern: "Sorted set (trending today)",
    result: `top ${count}`,
    ms: performance.now() - started,
  });
  const ranked = [];
  for (let i = 0; i < flat.length; i += 2)
    ranked.push({ id: Number(flat[i]), viewsToday: Number(flat[i + 1]) });
  if (ranked.length === 0) return [];
  const posts = await trendingPostsById(ranked.map((entry) => entry.id));
  const byId = new Map(posts.map((post) => [post.id, post]));
  const deleted = ranked.filter((entry) => !byId.has(entry.id)).map((entry) => entry.id);
  if (deleted.length > 0)
    void redis()
      .zrem(key, ...deleted)
      .catch(() => 0);
  return ranked
    .flatMap(({ id, viewsToday }) => {
      const post = byId.get(id);
      return post?.published
        ? [{ id, slug: post.slug, title: post.title, authorName: post.author.name, viewsToday }]
        : [];
    })
    .slice(0, count);
}
