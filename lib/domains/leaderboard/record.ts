import "server-only";
import { AUTHORS_KEY, TRENDING_TTL_SECONDS, trendingKey } from "@/lib/domains/leaderboard/keys";
import { incrementIfPresentScript } from "@/lib/domains/leaderboard/scripts";
import { redis } from "@/lib/platform/redis";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";

/**
 * One counted view of a post: its author's score and the post's trending score for today. The
 * commands are sent at once, so they travel in the auto-pipelined batch of the caller's other
 * commands (the view counter's). Never rejects: a lost score is set right by the next rebuild,
 * and must not make the view counter count the view a second time.
 */
export function scoreView(post: { id: number; authorId: number }): Promise<void> {
  const client = redis();
  const trending = trendingKey();
  return Promise.all([
    incrementIfPresentScript(client, [AUTHORS_KEY], [1, post.authorId]),
    client.zincrby(trending, 1, post.id),
    client.expire(trending, TRENDING_TTL_SECONDS),
  ]).then(
    () => undefined,
    (error: unknown) =>
      logger.warn("leaderboard score not counted", { postId: post.id, error: errorMessage(error) }),
  );
}
