import "server-only";
import { logger } from "@/lib/logger";
import { redis } from "@/lib/redis";
import { ACTIVITY_TTL_SECONDS, activityCountsKey, activityKey, MAX_ENTRIES } from "@/lib/activity/keys";
import { pushIfBuiltScript, removeIfBuiltScript } from "@/lib/activity/scripts";
import type { Activity, ActivityType } from "@/lib/activity/types";

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
    logger.warn("activity not recorded; the stream is rebuilt from Postgres when missing", { userId, type: activity.type, error: (error as Error).message });
  }
}

/** Takes an entry back: an unfollow, a deleted post or comment. */
export async function forgetActivity(userId: number, type: ActivityType, ref: string): Promise<void> {
  try {
    await removeIfBuiltScript(redis(), [activityKey(userId), activityCountsKey(userId)], [`"ref":${JSON.stringify(ref)}`, type]);
  } catch (error) {
    logger.warn("activity not taken back", { userId, ref, error: (error as Error).message });
  }
}
