import "server-only";
import { MAX_ENTRIES } from "@/lib/domains/activity/keys";
import {
  type ActivityCounts,
  commented,
  followed,
  posted,
  type Stream,
} from "@/lib/domains/activity/types";
import { db } from "@/lib/platform/db";

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

/**
 * Whose streams name a post: its author's ("published") and its commenters' ("commented on").
 * `client` may be a transaction's.
 */
export async function streamsNamingPost(
  post: { id: number; authorId: number },
  client: Pick<typeof db, "comment"> = db,
): Promise<number[]> {
  const commenters = await client.comment.findMany({
    where: { postId: post.id },
    distinct: ["authorId"],
    select: { authorId: true },
  });
  return [post.authorId, ...commenters.map((comment) => comment.authorId)];
}
