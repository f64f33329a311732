import type { Dashboard } from "@/lib/blog/dashboard";
import { formatNumber } from "@/lib/platform/format";

export function DashboardStats({ stats, drafts }: Pick<Dashboard, "stats" | "drafts">) {
  return (
    <section className="card">
      <dl className="sidebar-stats" data-testid="dashboard-stats">
        <div>
          <dt>Articles</dt>
          <dd>{formatNumber(stats.totalPosts)}</dd>
        </div>
        <div>
          <dt>Views</dt>
          <dd>{formatNumber(stats.totalViews)}</dd>
        </div>
        <div>
          <dt>Drafts</dt>
          <dd>{formatNumber(drafts)}</dd>
        </div>
      </dl>
    </section>
  );
}
