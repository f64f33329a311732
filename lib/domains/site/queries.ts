import "server-only";
import { db } from "@/lib/platform/db";

export type SiteCounts = { users: number; posts: number; comments: number };

/** Active users, published posts and comments (GET /api/data). */
export async function getSiteCounts(): Promise<SiteCounts> {
  const [users, posts, comments] = await Promise.all([
    db.user.count({ where: { isActive: true } }),
    db.post.count({ where: { published: true } }),
    db.comment.count(),
  ]);
  return { users, posts, comments };
}

export type TopAuthor = { username: string; name: string; posts: number };

/** The ten authors with the most published posts. */
export function getTopAuthors(): Promise<TopAuthor[]> {
  return db.$queryRaw<TopAuthor[]>`
    SELECT u.username, u.name, COUNT(p.id)::int AS posts
    FROM users u JOIN posts p ON p.author_id = u.id AND p.published
    GROUP BY u.id ORDER BY posts DESC, u.id LIMIT 10`;
}

export type PublishedTotals = { authors: number; posts: number; comments: number };

/** Authors who have published, published posts, and comments. */
export async function getPublishedTotals(): Promise<PublishedTotals> {
  const [totals] = await db.$queryRaw<PublishedTotals[]>`
    SELECT (SELECT COUNT(DISTINCT author_id) FROM posts WHERE published)::int AS authors,
           (SELECT COUNT(*) FROM posts WHERE published)::int AS posts,
           (SELECT COUNT(*) FROM comments)::int AS comments`;
  return totals;
}
