// What a run lost or half-wrote, read straight from Postgres after the server's final flush
// (SIGTERM moves every pending view to Postgres): the views counted against the views the server
// acknowledged, and the posts it acknowledged against what Postgres holds.
import type { SentPost } from "./load-tally";
import type { PrivateSite, SiteRedis } from "./private-site";

/** Every view ever counted on the site, in Postgres. */
export async function viewsInPostgres(site: PrivateSite<SiteRedis>): Promise<number> {
  const [row] = await site.query<{ total: string }>(
    "SELECT coalesce(sum(view_count), 0) AS total FROM posts",
  );
  return Number(row.total);
}

export type PostAudit = {
  /** Acknowledged (201) posts missing from Postgres. */
  missing: number;
  /** Posts of the load in Postgres whose title, content, excerpt, slug or publication is not whole. */
  halfWritten: number;
  /** Posts whose request got no 201 but which Postgres holds whole (a lost answer, not lost data). */
  unacknowledgedButStored: number;
};

type Row = {
  id: number;
  title: string;
  content: string;
  excerpt: string | null;
  slug: string | null;
  published: boolean;
  published_at: Date | null;
  indexed: boolean;
};

export async function auditPosts(
  site: PrivateSite<SiteRedis>,
  acknowledged: SentPost[],
  unacknowledged: SentPost[],
): Promise<PostAudit> {
  const titles = [...acknowledged, ...unacknowledged].map((p) => p.title);
  const rows = await site.query<Row>(
    `SELECT id, title, content, excerpt, slug, published, published_at,
            search_vector IS NOT NULL AS indexed
     FROM posts WHERE title = ANY($1)`,
    [titles],
  );
  const byTitle = new Map(rows.map((row) => [row.title, row]));
  const sent = new Map([...acknowledged, ...unacknowledged].map((p) => [p.title, p]));
  const whole = (row: Row) =>
    row.content === sent.get(row.title)?.content &&
    !!row.excerpt &&
    !!row.slug &&
    row.published &&
    row.published_at !== null &&
    row.indexed;
  return {
    missing: acknowledged.filter((p) => byTitle.get(p.title)?.id !== p.id).length,
    halfWritten: rows.filter((row) => !whole(row)).length,
    unacknowledgedButStored: unacknowledged.filter((p) => byTitle.has(p.title)).length,
  };
}
