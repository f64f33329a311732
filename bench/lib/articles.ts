// The articles a load reads and views: a few published posts by the benchmark's author, written
// straight into the private site's database (a little seed data, before any server runs).
import type { Article } from "./mixed-load";
import type { PrivateSite, SiteRedis } from "./private-site";

export async function seedArticles(
  site: PrivateSite<SiteRedis>,
  count: number,
): Promise<Article[]> {
  const articles: Article[] = [];
  for (let n = 1; n <= count; n++) {
    const [row] = await site.query<Article>(
      `INSERT INTO posts (slug, title, content, excerpt, published, published_at, author_id, updated_at)
       SELECT $1, $2, $3, $4, true, now(), id, now() FROM users ORDER BY id LIMIT 1
       RETURNING id, slug`,
      [
        `read-under-load-${n}`,
        `Read under load, part ${n}`,
        `A **seeded** article that the benchmark reads and views, number ${n}.\n\n`.repeat(20),
        `A seeded article that the benchmark reads and views, number ${n}.`,
      ],
    );
    articles.push(row);
  }
  return articles;
}
