import "server-only";
import { activityCountsKey, activityKey } from "@/lib/domains/activity/keys";
import { activityFromPostgres } from "@/lib/domains/activity/queries";
import { rebuildActivity } from "@/lib/domains/activity/rebuild";
import {
  ACTIVITY_TYPES,
  type Activity,
  type ActivityCounts,
  type Stream,
} from "@/lib/domains/activity/types";
import { redis } from "@/lib/platform/redis";
import { recordOperation } from "@/lib/platform/request-trace";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";

function countsFrom(hash: Record<string, string>): ActivityCounts {
  return Object.fromEntries(
    ACTIVITY_TYPES.map((type) => [type, Number(hash[type] ?? 0)]),
  ) as ActivityCounts;
}

/**
 * A user's `count` latest entries (LRANGE) and counts per type (HGETALL), in one round trip. A
 * stream Redis does not have is rebuilt from Postgres.
 */
export async function recentActivity(userId: number, count = 10): Promise<Stream> {
  const started = performance.now();
  const key = activityKey(userId);
  let result = "LRANGE";
  let stream: Stream;
  try {
    const client = redis();
    const [items, hash] = await Promise.all([
      client.lrange(key, 0, count - 1),
      client.hgetall(activityCountsKey(userId)),
    ]);
    if (Object.keys(hash).length > 0) {
      stream = {
        entries: items.map((item) => JSON.parse(item) as Activity),
        counts: countsFrom(hash),
      };
    } else {
      result = "missing: rebuilt";
      stream = await rebuildActivity(userId);
    }
  } catch (error) {
    logger.warn("activity stream unavailable in Redis; reading Postgres", {
      userId,
      error: errorMessage(error),
    });
    result = "from Postgres";
    stream = await activityFromPostgres(userId);
  }
  recordOperation({
    key,
    pattern: "List (activity stream)",
    result,
    ms: performance.now() - started,
  });
  return { entries: stream.entries.slice(0, count), counts: stream.counts };
}
