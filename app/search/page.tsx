import type { Metadata } from "next";
import { SearchForm } from "@/components/search/SearchForm";
import { SearchIntro } from "@/components/search/SearchIntro";
import { SearchResults } from "@/components/search/SearchResults";
import { TracePanel } from "@/components/TracePanel";
import { ViewBeacon } from "@/components/ViewBeacon";
import { loadSearch } from "@/lib/blog/pages/search";
import { MAX_QUERY_LENGTH, parseSearchQuery } from "@/lib/domains/search";
import { AppError } from "@/lib/platform/errors";
import { traced } from "@/lib/platform/request-trace";

export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<{ q?: string | string[] }> };

export default async function SearchPage({ searchParams }: Props) {
  const raw = (await searchParams).q;
  const q = Array.isArray(raw) ? raw[0] : raw;
  if (q === undefined) {
    return (
      <div className="container stack">
        <SearchIntro />
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
        <SearchIntro />
        <SearchForm q={q.slice(0, MAX_QUERY_LENGTH)} error={error.fields?.q ?? error.message} />
      </div>
    );
  }
  const { value, trace } = await traced(() => loadSearch(query));
  const { hits } = value;
  return (
    <div className="container stack">
      <SearchIntro />
      <SearchForm q={q} />
      <SearchResults hits={hits} query={query} />
      <TracePanel trace={trace} />
      <ViewBeacon path="/search" />
    </div>
  );
}
