import "server-only";
import { followChanged } from "@/lib/blog/invalidation";
import { activityRefs, followed, forgetActivity, recordActivity } from "@/lib/domains/activity";
import { followCounts, mirrorFollow } from "@/lib/domains/follows/mirror";
import { afterWrite } from "@/lib/platform/after-write";
import { db } from "@/lib/platform/db";
import { AppError, notFound } from "@/lib/platform/errors";
import { assertId } from "@/lib/platform/validation";
import { publishFollowed } from "@/lib/realtime/publish";

type Person = { id: number; username: string; name: string };

/** After a follow or unfollow: where the follower now stands, and the followee's follower count. */
export type FollowState = { following: boolean; followers: number };

async function followee(followerId: number, followeeId: number): Promise<Person> {
  if (followerId === followeeId) throw new AppError("bad_request", "You can't follow yourself.");
  const user = await db.user.findFirst({
    where: { id: assertId(followeeId, "That user"), isActive: true },
    select: { id: true, username: true, name: true },
  });
  if (!user) throw notFound("That user");
  return user;
}

/**
 * Follows a user: Postgres first (a second follow changes nothing), then the Redis sets, the
 * follower's activity, the caches that show follows, and a notification to the followee.
 */
export async function follow(follower: Person, followeeId: number): Promise<FollowState> {
  const target = await followee(follower.id, followeeId);
  const created = await db.$executeRaw`
    INSERT INTO follows (follower_id, followee_id) VALUES (${follower.id}, ${target.id}) ON CONFLICT DO NOTHING`;
  // The Redis sets are told every time (SADD is idempotent), so a mirror that drifted heals.
  await mirrorFollow(follower.id, target.id, "add");
  if (created) {
    await afterWrite(`user ${follower.id} followed ${target.id}`, async () => {
      await recordActivity(follower.id, followed(target, new Date()));
      await Promise.all([followChanged(follower, target), publishFollowed(target.id, follower)]);
    });
  }
  return { following: true, followers: (await followCounts(target.id)).followers };
}

/** Unfollows a user; unfollowing someone not followed changes nothing. */
export async function unfollow(follower: Person, followeeId: number): Promise<FollowState> {
  const target = await followee(follower.id, followeeId);
  const { count } = await db.follow.deleteMany({
    where: { followerId: follower.id, followeeId: target.id },
  });
  await mirrorFollow(follower.id, target.id, "remove");
  if (count) {
    await afterWrite(`user ${follower.id} unfollowed ${target.id}`, async () => {
      await forgetActivity(follower.id, "followed", activityRefs.followed(target.id));
      await followChanged(follower, target);
    });
  }
  return { following: false, followers: (await followCounts(target.id)).followers };
}
