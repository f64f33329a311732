import type { Metadata } from "next";
import Link from "next/link";
import { AdminNav } from "@/components/admin/AdminNav";
import { AdminActions } from "@/components/admin/cache-page/AdminActions";
import { AdminRecords } from "@/components/admin/cache-page/AdminRecords";
import { FindKeysSection } from "@/components/admin/cache-page/FindKeysSection";
import { RedisSections } from "@/components/admin/cache-page/RedisSections";
import { TracePanel } from "@/components/TracePanel";
import { clearTargets } from "@/lib/admin/clear";
import { adminForPage } from "@/lib/admin/guard";
import { cacheOverview } from "@/lib/admin/overview";
import { latestAdminActions } from "@/lib/admin/queries";
import { caches } from "@/lib/blog-cache/caches";
import { topPages, totalViews, utcDay } from "@/lib/domains/analytics";
import { traced } from "@/lib/platform/request-trace";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";
import { clearCacheAction, flushViewsAction, warmCacheAction } from "./actions";

export const metadata: Metadata = { title: "Cache admin" };
export const dynamic = "force-dynamic";

// Without Redis the page still renders: its actions, the audit log and a plain message.
const orNull = <T,>(work: Promise<T>, what: string) =>
  work.catch((error: unknown) => {
    logger.warn(`admin page: ${what} unavailable`, { error: errorMessage(error) });
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
            ? `${overview.cluster ? "Redis Cluster" : "Redis"} ${overview.redis.version}, DB ${overview.db}, read at ${overview.at.slice(11, 19)} UTC. Reload for fresh figures.`
            : "Redis does not answer: figures are unavailable. The blog keeps serving from Postgres."}
        </p>
      </div>

      <RedisSections overview={overview} now={now} />
      <FindKeysSection />
      <AdminActions
        warm={warmCacheAction}
        flush={flushViewsAction}
        clear={clearCacheAction}
        targets={clearTargets(Object.values(caches()))}
      />
      <AdminRecords views={views} audit={audit} />

      <p className="meta">
        The same figures as JSON: <Link href="/api/admin/cache/stats">/api/admin/cache/stats</Link>.
      </p>
      <TracePanel trace={trace} />
    </div>
  );
}
