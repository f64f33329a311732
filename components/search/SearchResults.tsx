import Link from "next/link";
import { Highlighted } from "@/components/Highlighted";
import { SEARCH_LIMIT, type SearchHit } from "@/lib/domains/search";
import { formatDate } from "@/lib/platform/format";

// How many articles matched, then each with its highlighted title and snippet, best first.
export function SearchResults({ hits, query }: { hits: SearchHit[]; query: string }) {
  return (
    <>
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
    </>
  );
}
