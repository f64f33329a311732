import "server-only";
import { db } from "@/lib/platform/db";

// The Postgres reads behind the leaderboard (./board.ts, ./rebuild.ts) and trending (./trending.ts).

/** Views of each author's published posts, as Postgres has them. */
export function publishedViewsByAuthor(): Promise<{ author_id: number; views: bigint }[]> {
  return db.$queryRaw<{ author_id: number; views: bigint }[]>`
    SELECT author_id, SUM(view_count)::bigint AS views FROM posts WHERE published GROUP BY author_id`;
}

/** The authors of those of `postIds` that are published. */
export function publishedPostAuthors(postIds: number[]) {
  return db.post.findMany({
    where: { id: { in: postIds }, published: true },
    select: { id: true, authorId: true },
  });
}

export function rankedUsers(userIds: number[]) {
  return db.user.findMany({
    where: { id: { in: userIds } },
    select: { id: true, username: true, name: true },
  });
}

/** Drafts included: the caller tells them apart from deleted posts, which are missing. */
export function trendingPostsById(postIds: number[]) {
  return db.post.findMany({
    where: { id: { in: postIds } },
    select: {
      id: true,
      slug: true,
      title: true,
      published: true,
      author: { select: { name: true } },
    },
  });
}
