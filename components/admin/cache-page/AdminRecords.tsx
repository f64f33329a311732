import type { ComponentProps } from "react";
import { AnalyticsCard } from "@/components/admin/AnalyticsCard";
import { AuditLog } from "@/components/admin/AuditLog";
import { LiveCacheLog } from "@/components/admin/LiveCacheLog";
import type { AuditEntry } from "@/lib/admin/queries";

type Props = { views: ComponentProps<typeof AnalyticsCard> | null; audit: AuditEntry[] };

// What happened: invalidations as they happen, today's page views, and the admins' actions.
export function AdminRecords({ views, audit }: Props) {
  return (
    <>
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
    </>
  );
}
