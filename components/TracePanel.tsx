import { PageCacheNotice } from "@/components/PageCacheNotice";
import { TraceTable } from "@/components/TraceTable";
import { formatMs } from "@/lib/platform/format";
import type { RequestTrace } from "@/lib/platform/request-trace";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

// "How this page was served": every cache lookup of the page's data with its pattern and
// outcome, the SQL statements and Redis round trips it cost, and the time; or, for a page
// answered from the page cache, that it was. `useCache` names the parts of the page rendered by
// Next's 'use cache' (on Redis): their data lookups happen only when Next's cache misses, so they
// are not in the trace.
export function TracePanel({ trace, useCache }: { trace: RequestTrace; useCache?: string }) {
  const hits = trace.cache.filter((entry) => entry.result === "HIT").length;
  return (
    <PageCacheNotice>
      <details className="trace" data-testid="trace">
        <summary>
          How this page was served:{" "}
          <strong data-testid="trace-summary">
            {hits}/{trace.cache.length} cache hits
          </strong>
          , <span data-testid="trace-sql">{trace.sql} SQL</span>,{" "}
          <span data-testid="trace-redis">{plural(trace.redisRoundTrips, "Redis round trip")}</span>
          , {formatMs(trace.totalMs)}
        </summary>
        <TraceTable trace={trace} />
        {useCache && (
          <p className="meta" data-testid="trace-use-cache">
            {useCache}: rendered once for every reader and kept in Next.js&rsquo;s cache on Redis (
            <code>&apos;use cache&apos;</code>, keys <code>next-cache:uc:*</code>), so their lookups
            are not in this trace.
          </p>
        )}
        <p className="meta">
          {plural(trace.redisCommands, "Redis command")} in{" "}
          {plural(trace.redisRoundTrips, "round trip")} (auto-pipelined);{" "}
          {plural(trace.sql, "SQL statement")} in {formatMs(trace.sqlMs)}. The layout (your session)
          is not part of this trace. <a href="/patterns">All patterns →</a>
        </p>
      </details>
    </PageCacheNotice>
  );
}
