import type { Metadata } from "next";
import Link from "next/link";
import { Highlighted } from "@/components/Highlighted";
import { TracePanel } from "@/components/TracePanel";
import { ViewBeacon } from "@/components/ViewBeacon";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { loadSearch } from "@/lib/pages/search";
import { traced } from "@/lib/request-trace";
import { MAX_QUERY_LENGTH, parseSearchQuery, SEARCH_LIMIT } from "@/lib/search";

export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<{ q?: string | string[] }> };

function SearchForm({ q, error }: { q: string; error?: string }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: role="search" on the form itself keeps one landmark without a wrapper element
    <form method="get" action="/search" className="search-form" role="search">
      <div className="field">
        <label htmlFor="q">Search articles</label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={MAX_QUERY_LENGTH}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "q-error" : undefined}
        />
        {error && (
          <p id="q-error" className="field-error" data-testid="search-error">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className="btn">
        Search
      </button>
    </form>
  );
}

export default async function SearchPage({ searchParams }: Props) {
  const raw = (await searchParams).q;
  const q = Array.isArray(raw) ? raw[0] : raw;
  const intro = (
    <div>
      <h1 className="page-title">Search</h1>
      <p className="lede">
        Postgres full text search over titles and content; each query&apos;s results are cached for
        a minute.
      </p>
    </div>
  );
  if (q === undefined) {
    return (
      <div className="container stack">
        {intro}
        <SearchForm q="" />
      </div>
    );
  }
  // Every search has been counted against the limit shared with GET /api/search, invalid ones
  // included, by proxy.ts: one over the limit never reaches this page (it answers 429).
  let query: string;
  try {
    query = parseSearchQuery(q);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <div className="container stack">
        {intro}
        <SearchForm q={q.slice(0, MAX_QUERY_LENGTH)} error={error.fields?.q ?? error.message} />
      </div>
    );
  }
  const { value, trace } = await traced(() => loadSearch(query));
  const { hits } = value;
  return (
    <div className="container stack">
      {intro}
      <SearchForm q={q} />
      <p className="meta" data-testid="search-summary">
        {hits.length === 0
          ? `Nothing found for “${query}”.`
          : `${hits.length}${hits.length === SEARCH_LIMIT ? "+" : ""} ${hits.length === 1 ? "article" : "articles"} for “${query}”, best match first.`}
      </p>
      <ul className="post-list">
        {hits.map((hit) => (
          <li key={hit.id} className="card post-card" data-testid="search-result">
            <h2>
              <Link href={`/posts/${hit.slug}`}>
                <Highlighted segments={hit.title} />
              </Link>
            </h2>
            <div className="meta">
              <Link href={`/u/${hit.author.username}`}>{hit.author.name}</Link>
              {hit.publishedAt && (
                <time dateTime={hit.publishedAt.toISOString()}>{formatDate(hit.publishedAt)}</time>
              )}
            </div>
            <p className="search-snippet">
              <Highlighted segments={hit.snippet} />
            </p>
          </li>
        ))}
      </ul>
      <TracePanel trace={trace} />
      <ViewBeacon path="/search" />
    </div>
  );
}
