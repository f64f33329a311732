import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ArticleViewsTable } from "@/components/ArticleViewsTable";
import { DashboardStats } from "@/components/dashboard/DashboardStats";
import { RecentComments } from "@/components/dashboard/RecentComments";
import { YourArticles } from "@/components/dashboard/YourArticles";
import { TracePanel } from "@/components/TracePanel";
import { getArticleViews, getDashboard } from "@/lib/blog/dashboard";
import { currentUser } from "@/lib/domains/auth/session";
import { traced } from "@/lib/platform/request-trace";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await currentUser();
  if (!user) redirect("/signin?next=/dashboard");
  const { value, trace } = await traced(async () => {
    const dashboard = await getDashboard(user.id);
    return { dashboard, views: await getArticleViews(dashboard.posts) };
  });
  const { dashboard, views } = value;
  return (
    <div className="container stack">
      <div>
        <h1 className="page-title">Your dashboard</h1>
        <p className="lede">
          Cached for you alone (key <code>dashboard:user:{user.id}</code>), built{" "}
          {dashboard.builtAt.toISOString().slice(11, 19)} UTC.
        </p>
      </div>
      <DashboardStats stats={dashboard.stats} drafts={dashboard.drafts} />
      <section>
        <h2>Readers of your articles, last 14 days</h2>
        {views ? (
          <ArticleViewsTable views={views} />
        ) : (
          <p className="empty">Page views are unavailable right now.</p>
        )}
      </section>
      <RecentComments comments={dashboard.recentComments} />
      <YourArticles posts={dashboard.posts} />
      <TracePanel trace={trace} />
    </div>
  );
}
