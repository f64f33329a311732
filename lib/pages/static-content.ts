import "server-only";
import { caches } from "@/lib/blog-caches";
import { db } from "@/lib/db";

export type SiteFacts = {
  authors: { username: string; name: string; posts: number }[];
  totals: { authors: number; posts: number; comments: number };
  builtAt: Date;
};

async function loadSiteFacts(): Promise<SiteFacts> {
  const [authors, totals] = await Promise.all([
    db.$queryRaw<SiteFacts["authors"]>`
      SELECT u.username, u.name, COUNT(p.id)::int AS posts
      FROM users u JOIN posts p ON p.author_id = u.id AND p.published
      GROUP BY u.id ORDER BY posts DESC, u.id LIMIT 10`,
    db.$queryRaw<SiteFacts["totals"][]>`
      SELECT (SELECT COUNT(DISTINCT author_id) FROM posts WHERE published)::int AS authors,
             (SELECT COUNT(*) FROM posts WHERE published)::int AS posts,
             (SELECT COUNT(*) FROM comments)::int AS comments`,
  ]);
  return { authors, totals: totals[0], builtAt: new Date() };
}

/** The tutorial's static cache: its own Redis DB, entries kept an hour. */
export function getSiteFacts(): Promise<SiteFacts> {
  return caches().static.getOrSet("site-facts", loadSiteFacts);
}
