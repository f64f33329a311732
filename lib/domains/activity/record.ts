import "server-only";
import {
  ACTIVITY_TTL_SECONDS,
  activityCountsKey,
  activityGenerationKey,
  activityKey,
  MAX_ENTRIES,
} from "@/lib/domains/activity/keys";
import {
  dropStreamScript,
  pushIfBuiltScript,
  removeIfBuiltScript,
} from "@/lib/domains/activity/scripts";
import type { Activity, ActivityType } from "@/lib/domains/activity/types";
import { redis } from "@/lib/platform/redis";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";

// Called by the mutations after Postgres has the change. The stream is a mirror Postgres can
// rebuild: a Redis failure is logged and never fails the request.

/** LPUSH + LTRIM to 100 + HINCRBY of the type, in one script. */
export async function recordActivity(userId: number, activity: Activity): Promise<void> {
  try {
    await pushIfBuiltScript(
      redis(),
      [activityKey(userId), activityCountsKey(userId)],
      [JSON.stringify(activity), activity.type, MAX_ENTRIES, ACTIVITY_TTL_SECONDS],
    );
  } catch (error) {
    logger.warn("activity not recorded; the stream is rebuilt from Postgres when missing", {
      userId,
      type: activity.type,
      error: errorMessage(error),
    });
  }
}

/** Takes an entry back: an unfollow, a deleted post or comment. */
export async function forgetActivity(
  userId: number,
  type: ActivityType,
  ref: string,
): Promise<void> {
  try {
    await removeIfBuiltScript(
      redis(),
      [activityKey(userId), activityCountsKey(userId)],
      [`"ref":${JSON.stringify(ref)}`, type],
    );
  } catch (error) {
    logger.warn("activity not taken back", { userId, ref, error: errorMessage(error) });
  }
}

/**
 * Drops these users' streams; each is rebuilt from Postgres on its next read. For changes that
 * alter what entries already say (a post's title, or whether it is still published), where
 * rewriting entries in place would have to find every copy of the post in every stream.
 */
export async function dropActivityStreams(userIds: number[]): Promise<void> {
  const client = redis();
  const dropped = await Promise.allSettled(
    [...new Set(userIds)].map((id) =>
      dropStreamScript(
        client,
        [activityKey(id), activityCountsKey(id), activityGenerationKey(id)],
        [ACTIVITY_TTL_SECONDS],
      ),
    ),
  );
  const failed = dropped.filter((result) => result.status === "rejected");
  // A stream that could not be dropped would keep naming the post: the caller must hear of it.
  if (failed.length > 0)
    throw new Error(`${failed.length} activity streams not dropped: ${String(failed[0].reason)}`);
}
