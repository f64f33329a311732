import "server-only";
import { db } from "@/lib/platform/db";

/** The ids of who follows the user ("followers") or whom the user follows ("following"). */
export async function followIds(
  side: "followers" | "following",
  userId: number,
): Promise<number[]> {
  if (side === "followers") {
    const rows = await db.follow.findMany({
      where: { followeeId: userId },
      select: { followerId: true },
    });
    return rows.map((row) => row.followerId);
  }
  const rows = await db.follow.findMany({
    where: { followerId: userId },
    select: { followeeId: true },
  });
  return rows.map((row) => row.followeeId);
}

/** How many follow the user ("followers") or the user follows ("following"), counted in Postgres. */
export function followCount(side: "followers" | "following", userId: number): Promise<number> {
  return db.follow.count({
    where: side === "followers" ? { followeeId: userId } : { followerId: userId },
  });
}

/** Whether Postgres has `followerId` following `followeeId`. */
export async function followExists(followerId: number, followeeId: number): Promise<boolean> {
  return (await db.follow.count({ where: { followerId, followeeId } })) > 0;
}

export type FollowSuggestion = { username: string; name: string; followers: number };

/** Who to follow: the five most followed active authors the user does not follow yet. */
export function getFollowSuggestions(userId: number): Promise<FollowSuggestion[]> {
  return db.$queryRaw<FollowSuggestion[]>`
    SELECT u.username, u.name, COUNT(f.follower_id)::int AS followers
    FROM users u
    LEFT JOIN follows f ON f.followee_id = u.id
    WHERE u.id <> ${userId} AND u.is_active
      AND NOT EXISTS (SELECT 1 FROM follows mine WHERE mine.follower_id = ${userId} AND mine.followee_id = u.id)
    GROUP BY u.id
    ORDER BY followers DESC, u.id
    LIMIT 5`;
}
