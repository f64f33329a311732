import "server-only";
import { MARK_END, MARK_START, type Segment, segmentsOf } from "@/lib/domains/search/highlight";
import { db } from "@/lib/platform/db";

export const SEARCH_LIMIT = 20;

export type SearchHit = {
  id: number;
  slug: string;
  title: Segment[];
  snippet: Segment[];
  author: { username: string; name: string };
  publishedAt: Date | null;
  rank: number;
};

type Row = {
  id: number;
  slug: string;
  title: string;
  snippet: string;
  username: string;
  name: string;
  published_at: Date | null;
  rank: number;
};

const markers = `StartSel=${MARK_START}, StopSel=${MARK_END}`;
const titleOptions = `HighlightAll=true, ${markers}`;
const snippetOptions = `MaxFragments=2, MaxWords=24, MinWords=10, FragmentDelimiter=" … ", ${markers}`;
const forged = `${MARK_START}${MARK_END}`;

// Postgres' text search parser is quadratic on some runs of punctuation ("_a" × 50,000 took two
// minutes), so it never sees them: the search vector is built from search_text(content) (ASCII
// punctuation but "-" made spaces; migration 20261130000000_search_text_bounded). A query is
// tamed the same way, keeping also the '"' of its phrases, so "node.js" finds what was indexed.
const QUERY_PUNCTUATION = "!#$%&'()*+,./:;<=>?@[\\]^_`{|}~";
// A snippet keeps the punctuation of sentences and of markup, which the parser reads in linear
// time without "-", "/", "_", "~" (found by fuzzing), and is cut from the first 20,000
// characters: 20 hits × 100,000 characters of headline would take about a second.
const SNIPPET_PUNCTUATION = "#$%*+-/@[\\]^_`{|}~";
const SNIPPET_SOURCE_CHARS = 20_000;
const spaces = (characters: string) => " ".repeat(characters.length);

/**
 * Published posts matching the query (websearch syntax: words, "phrases", -excluded, or), best
 * first by ts_rank over the weighted search_vector (title A beats content B), through its GIN
 * index. Headlines are computed for the 20 returned rows only.
 */
export async function searchPostgres(query: string): Promise<SearchHit[]> {
  const rows = await db.$queryRaw<Row[]>`
    WITH q AS (
      SELECT websearch_to_tsquery('english', translate(${query}, ${QUERY_PUNCTUATION}, ${spaces(QUERY_PUNCTUATION)})) AS query
    ),
    hits AS (
      SELECT p.id, ts_rank(p.search_vector, q.query) AS rank
      FROM posts p, q
      WHERE p.published AND p.search_vector @@ q.query
      ORDER BY rank DESC, p.published_at DESC, p.id DESC
      LIMIT ${SEARCH_LIMIT}
    )
    SELECT p.id, p.slug, p.published_at, u.username, u.name, h.rank,
      ts_headline('english', translate(p.title, ${forged}, ''), q.query, ${titleOptions}) AS title,
      ts_headline(
        'english',
        translate(left(p.content, ${SNIPPET_SOURCE_CHARS}::int), ${SNIPPET_PUNCTUATION + forged}, ${spaces(SNIPPET_PUNCTUATION)}),
        q.query,
        ${snippetOptions}
      ) AS snippet
    FROM hits h JOIN posts p ON p.id = h.id JOIN users u ON u.id = p.author_id, q
    ORDER BY h.rank DESC, p.published_at DESC, p.id DESC`;
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    title: segmentsOf(row.title),
    snippet: segmentsOf(row.snippet),
    author: { username: row.username, name: row.name },
    publishedAt: row.published_at,
    rank: Number(row.rank),
  }));
}
