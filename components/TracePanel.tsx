import { PageCacheNotice } from "@/components/PageCacheNotice";
import { patternOf } from "@/lib/patterns";
import type { RequestTrace } from "@/lib/request-trace";

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
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
          , {ms(trace.totalMs)}
        </summary>
        <table>
          <thead>
            <tr>
              <th>Key</th>
              <th>Pattern</th>
              <th>Result</th>
              <th>Time</th>
            </tr>
          </thead>
          <tbody>
            {trace.cache.map((entry, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a trace is an append-only list, so a position names one entry
              <tr key={i} data-testid="trace-entry" data-result={entry.result}>
                <td>
                  <code>
                    {entry.namespace}:{entry.key}
                  </code>
                </td>
                <td>{patternOf(entry.namespace, entry.key)}</td>
                <td>
                  <span className={`badge result-${entry.result.toLowerCase()}`}>
                    {entry.result}
                  </span>
                </td>
                <td>{ms(entry.ms)}</td>
              </tr>
            ))}
            {trace.operations.map((operation, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a trace is an append-only list, so a position names one entry
              <tr key={`op-${i}`} data-testid="trace-operation">
                <td>
                  <code>{operation.key}</code>
                </td>
                <td>{operation.pattern}</td>
                <td>
                  <span className="badge">{operation.result}</span>
                </td>
                <td>{ms(operation.ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
          {plural(trace.sql, "SQL statement")} in {ms(trace.sqlMs)}. The layout (your session) is
          not part of this trace. <a href="/patterns">All patterns →</a>
        </p>
      </details>
    </PageCacheNotice>
  );
}
