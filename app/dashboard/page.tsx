import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ArticleViewsTable } from "@/components/ArticleViewsTable";
import { PostCard } from "@/components/PostCard";
import { TracePanel } from "@/components/TracePanel";
import { currentUser } from "@/lib/auth/session";
import { getArticleViews, getDashboard } from "@/lib/dashboard";
import { formatDate, formatNumber } from "@/lib/format";
import { traced } from "@/lib/request-trace";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await currentUser();
  if (!user) redirect("/signin?next=/dashboard");
  const { value, trace } = await traced(async () => {
    const dashboard = await getDashboard(user.id);
    return { dashboard, views: await getArticleViews(dashboard.posts) };
  });
  const { dashboard, views } = value;
  const { stats } = dashboard;
  return (
    <div className="container stack">
      <div>
        <h1 className="page-title">Your dashboard</h1>
        <p className="lede">
          Cached for you alone (key <code>dashboard:user:{user.id}</code>), built{" "}
          {dashboard.builtAt.toISOString().slice(11, 19)} UTC.
        </p>
      </div>
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
            <dd>{formatNumber(dashboard.drafts)}</dd>
          </div>
        </dl>
      </section>
      <section>
        <h2>Readers of your articles, last 14 days</h2>
        {views ? (
          <ArticleViewsTable views={views} />
        ) : (
          <p className="empty">Page views are unavailable right now.</p>
        )}
      </section>
      <section>
        <h2>Recent comments on your articles</h2>
        {dashboard.recentComments.length === 0 ? (
          <p className="empty">No comments yet.</p>
        ) : (
          <ul className="post-list">
            {dashboard.recentComments.map((comment) => (
              <li key={comment.id} className="card">
                <div className="meta">
                  <strong>{comment.authorName}</strong> on{" "}
                  <Link href={`/posts/${comment.postSlug}`}>{comment.postTitle}</Link>
                  <time dateTime={comment.createdAt.toISOString()}>
                    {formatDate(comment.createdAt)}
                  </time>
                </div>
                <p>{comment.content}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>Your articles</h2>
        {dashboard.posts.length === 0 ? (
          <p className="empty">
            Nothing yet. <Link href="/posts/new">Write your first article</Link>.
          </p>
        ) : (
          <ul className="post-list" data-testid="dashboard-posts">
            {dashboard.posts.map((post) => (
              <PostCard key={post.id} post={post} />
            ))}
          </ul>
        )}
      </section>
      <TracePanel trace={trace} />
    </div>
  );
}
