import "server-only";
import {
  ACTIVITY_TTL_SECONDS,
  activityCountsKey,
  activityGenerationKey,
  activityKey,
  MAX_ENTRIES,
} from "@/lib/activity/keys";
import { writeStreamIfCurrentScript } from "@/lib/activity/scripts";
import {
  type Activity,
  type ActivityCounts,
  commented,
  followed,
  posted,
} from "@/lib/activity/types";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { redis } from "@/lib/redis";

export type Stream = { entries: Activity[]; counts: ActivityCounts };

/** A user's latest 100 entries and their counts, as Postgres has them (posts, comments, follows). */
export async function activityFromPostgres(userId: number): Promise<Stream> {
  const [posts, comments, follows, [counts]] = await Promise.all([
    db.post.findMany({
      where: { authorId: userId, published: true },
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      take: MAX_ENTRIES,
      select: { id: true, slug: true, title: true, publishedAt: true, createdAt: true },
    }),
    db.comment.findMany({
      where: { authorId: userId, post: { published: true } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: MAX_ENTRIES,
      select: {
        id: true,
        createdAt: true,
        post: { select: { id: true, slug: true, title: true } },
      },
    }),
    db.follow.findMany({
      where: { followerId: userId },
      orderBy: { createdAt: "desc" },
      take: MAX_ENTRIES,
      select: { createdAt: true, followee: { select: { id: true, username: true, name: true } } },
    }),
    db.$queryRaw<ActivityCounts[]>`
      SELECT (SELECT COUNT(*) FROM posts WHERE author_id = ${userId} AND published)::int AS posted,
             (SELECT COUNT(*) FROM comments c JOIN posts p ON p.id = c.post_id WHERE c.author_id = ${userId} AND p.published)::int AS commented,
             (SELECT COUNT(*) FROM follows WHERE follower_id = ${userId})::int AS followed`,
  ]);
  const entries = [
    ...posts.map((p) => posted(p, p.publishedAt ?? p.createdAt)),
    ...comments.map((c) => commented(c.id, c.post, c.createdAt)),
    ...follows.map((f) => followed(f.followee, f.createdAt)),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, MAX_ENTRIES);
  return { entries, counts };
}

// One script, so a reader sees no stream or the whole of it; refused when the stream was dropped
// (its generation bumped) since `generation` was read, because the Postgres read that built
// this copy may predate the change that dropped it.
async function writeStream(
  userId: number,
  { entries, counts }: Stream,
  generation: string,
): Promise<boolean> {
  const pairs = Object.entries(counts).flat();
  const written = await writeStreamIfCurrentScript(
    redis(),
    [activityKey(userId), activityCountsKey(userId), activityGenerationKey(userId)],
    [
      generation,
      ACTIVITY_TTL_SECONDS,
      ...pairs,
      "--",
      ...entries.map((entry) => JSON.stringify(entry)),
    ],
  );
  return written === 1;
}

/**
 * Rebuilds a missing stream from Postgres and returns it. Writing it back is best effort: with
 * Redis away the caller still gets the stream.
 */
export async function rebuildActivity(userId: number): Promise<Stream> {
  const generation = (await redis().get(activityGenerationKey(userId))) ?? "";
  const stream = await activityFromPostgres(userId);
  await writeStream(userId, stream, generation).catch((error: Error) =>
    logger.warn("activity stream not stored", { userId, error: error.message }),
  );
  return stream;
}
