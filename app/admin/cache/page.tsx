import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/admin/ActionForm";
import { AdminNav } from "@/components/admin/AdminNav";
import { AnalyticsCard } from "@/components/admin/AnalyticsCard";
import { AuditLog } from "@/components/admin/AuditLog";
import { CacheCharts } from "@/components/admin/CacheCharts";
import { ClearCacheForm } from "@/components/admin/ClearCacheForm";
import { LiveCacheLog } from "@/components/admin/LiveCacheLog";
import { MemoryTable } from "@/components/admin/MemoryTable";
import { NamespaceTable } from "@/components/admin/NamespaceTable";
import { RedisFigures } from "@/components/admin/RedisFigures";
import { TracePanel } from "@/components/TracePanel";
import { latestAdminActions } from "@/lib/admin/audit";
import { clearTargets } from "@/lib/admin/clear";
import { adminForPage } from "@/lib/admin/guard";
import { cacheOverview } from "@/lib/admin/overview";
import { topPages, totalViews, utcDay } from "@/lib/analytics";
import { caches } from "@/lib/blog-caches";
import { logger } from "@/lib/logger";
import { traced } from "@/lib/request-trace";
import { clearCacheAction, flushViewsAction, warmCacheAction } from "./actions";

export const metadata: Metadata = { title: "Cache admin" };
export const dynamic = "force-dynamic";

// Without Redis the page still renders: its actions, the audit log and a plain message.
const orNull = <T,>(work: Promise<T>, what: string) =>
  work.catch((error: Error) => {
    logger.warn(`admin page: ${what} unavailable`, { error: error.message });
    return null;
  });

async function pageViews() {
  const day = utcDay();
  const [top, total] = await Promise.all([topPages(day, 10), totalViews()]);
  return { day, top, total };
}

export default async function AdminCachePage() {
  await adminForPage("/admin/cache");
  const now = Date.now();
  const { value, trace } = await traced(() =>
    Promise.all([
      orNull(cacheOverview({ now }), "Redis figures"),
      latestAdminActions(20),
      orNull(pageViews(), "page views"),
    ]),
  );
  const [overview, audit, views] = value;
  return (
    <div className="container wide stack admin">
      <div>
        <h1 className="page-title">Cache admin</h1>
        <AdminNav current="/admin/cache" />
        <p className="lede">
          {overview
            ? `Redis ${overview.redis.version}, DB ${overview.db}, read at ${overview.at.slice(11, 19)} UTC. Reload for fresh figures.`
            : "Redis does not answer: figures are unavailable. The blog keeps serving from Postgres."}
        </p>
      </div>

      {overview ? (
        <>
          <section className="card stack" aria-labelledby="figures-title">
            <h2 id="figures-title">Redis</h2>
            <RedisFigures overview={overview} />
          </section>
          <section className="card stack" aria-labelledby="charts-title">
            <h2 id="charts-title">The last hour</h2>
            <CacheCharts points={overview.samples} db={overview.db} now={now} />
          </section>
          <section className="card stack" aria-labelledby="namespaces-title">
            <h2 id="namespaces-title">Hit rates by cache namespace</h2>
            <p className="meta">
              From the cache library&apos;s shared statistics: every app process, since the counters
              began.
            </p>
            <NamespaceTable namespaces={overview.namespaces} />
          </section>
          <section className="card stack" aria-labelledby="memory-title">
            <h2 id="memory-title">Where the memory is</h2>
            <MemoryTable memory={overview.memory} db={overview.db} />
          </section>
        </>
      ) : (
        <div className="alert error" role="alert">
          Redis does not answer. Try again in a moment.
        </div>
      )}

      <section className="card stack" aria-labelledby="keys-title">
        <h2 id="keys-title">Find keys</h2>
        <form action="/admin/cache/keys" method="get" className="search-row">
          <label htmlFor="pattern">Pattern</label>
          <input
            id="pattern"
            name="pattern"
            type="search"
            placeholder="cache:feed:*"
            defaultValue=""
          />
          <button type="submit" className="btn secondary">
            Search keys
          </button>
        </form>
      </section>

      <div className="admin-columns">
        <section className="card stack" aria-labelledby="actions-title">
          <h2 id="actions-title">Actions</h2>
          <ActionForm
            action={warmCacheAction}
            label="Warm the cache now"
            pendingText="Warming…"
            description="Fills the first feed pages, popular posts and the most active authors (lib/warm.ts), as at start-up."
            testId="warm-form"
          />
          <ActionForm
            action={flushViewsAction}
            label="Flush pending view counters now"
            pendingText="Flushing…"
            description="Moves every view counted in Redis and not yet in Postgres (lib/views/sweep.ts)."
            testId="flush-views-form"
          />
        </section>
        <section className="card stack" aria-labelledby="clear-title">
          <h2 id="clear-title">Clear</h2>
          <ClearCacheForm
            action={clearCacheAction}
            targets={clearTargets(Object.values(caches()))}
          />
        </section>
      </div>

      <section className="card stack" aria-labelledby="live-title">
        <h2 id="live-title">Live: invalidations and new posts</h2>
        <LiveCacheLog />
      </section>

      <section className="card stack" aria-labelledby="views-title">
        <h2 id="views-title">Page views</h2>
        {views ? (
          <AnalyticsCard {...views} />
        ) : (
          <p className="empty">Page views are unavailable while Redis does not answer.</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="audit-title">
        <h2 id="audit-title">Admin actions</h2>
        <p className="meta">
          The latest 20, from Postgres. Every clear, key deletion, warming and flush is recorded
          with who did it.
        </p>
        <AuditLog entries={audit} />
      </section>

      <p className="meta">
        The same figures as JSON: <Link href="/api/admin/cache/stats">/api/admin/cache/stats</Link>.
      </p>
      <TracePanel trace={trace} />
    </div>
  );
}
