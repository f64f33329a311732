import "server-only";
import {
  FOLLOWS_TTL_SECONDS,
  followersKey,
  followingKey,
  PLACEHOLDER,
} from "@/lib/domains/follows/keys";
import { followCount, followExists, followIds } from "@/lib/domains/follows/queries";
import { changeIfPresentScript, readIfPresentScript } from "@/lib/domains/follows/scripts";
import { redis } from "@/lib/platform/redis";
import { recordOperation } from "@/lib/platform/request-trace";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";

type Side = "followers" | "following";
const keyOf = (side: Side, userId: number) =>
  side === "followers" ? followersKey(userId) : followingKey(userId);

// Rebuilds one set from Postgres (one transaction: readers never see half of it) and returns its ids.
async function rebuild(side: Side, userId: number): Promise<number[]> {
  const ids = await followIds(side, userId);
  const key = keyOf(side, userId);
  await redis()
    .multi()
    .del(key)
    .sadd(key, PLACEHOLDER, ...ids)
    .expire(key, FOLLOWS_TTL_SECONDS)
    .exec()
    .catch((error: unknown) =>
      logger.warn("follow mirror not stored", { key, error: errorMessage(error) }),
    );
  return ids;
}

/** Mirrors a follow (or unfollow) that Postgres has committed into both users' sets. */
export async function mirrorFollow(
  followerId: number,
  followeeId: number,
  change: "add" | "remove",
): Promise<void> {
  const client = redis();
  await Promise.all([
    changeIfPresentScript(
      client,
      [followersKey(followeeId)],
      [change, followerId, FOLLOWS_TTL_SECONDS],
    ),
    changeIfPresentScript(
      client,
      [followingKey(followerId)],
      [change, followeeId, FOLLOWS_TTL_SECONDS],
    ),
  ]).catch((error: unknown) =>
    logger.warn("follow not mirrored to Redis; rebuilt when it expires", {
      followerId,
      followeeId,
      error: errorMessage(error),
    }),
  );
}

export type FollowCounts = { followers: number; following: number };

// A count from its set; a missing set is rebuilt; with Redis away, counted in Postgres.
async function countOf(side: Side, userId: number): Promise<number> {
  try {
    const count = await readIfPresentScript(redis(), [keyOf(side, userId)], [""]);
    return count >= 0 ? count : (await rebuild(side, userId)).length;
  } catch {
    return followCount(side, userId);
  }
}

/** Follower and following counts (SCARD of the mirrored sets), both in one round trip. */
export async function followCounts(userId: number): Promise<FollowCounts> {
  const started = performance.now();
  const [followers, following] = await Promise.all([
    countOf("followers", userId),
    countOf("following", userId),
  ]);
  recordOperation({
    key: followersKey(userId),
    pattern: "Set (followers)",
    result: `SCARD ${followers}/${following}`,
    ms: performance.now() - started,
  });
  return { followers, following };
}

/** Whether `followerId` follows `followeeId` (SISMEMBER on the follower's set). */
export async function isFollowing(followerId: number, followeeId: number): Promise<boolean> {
  try {
    const member = await readIfPresentScript(redis(), [followingKey(followerId)], [followeeId]);
    if (member >= 0) return member === 1;
    return (await rebuild("following", followerId)).includes(followeeId);
  } catch {
    return followExists(followerId, followeeId);
  }
}
