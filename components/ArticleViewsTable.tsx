import Link from "next/link";
import type { ArticleViews } from "@/lib/blog/dashboard";
import { formatNumber } from "@/lib/platform/format";

const sum = (values: number[]) => values.reduce((total, n) => total + n, 0);

// Each published article's page views per day, as a small bar per day and totals.
export function ArticleViewsTable({ views }: { views: ArticleViews }) {
  if (views.posts.length === 0)
    return <p className="empty">Publish an article to see who reads it.</p>;
  const peak = Math.max(1, ...views.posts.flatMap((post) => post.byDay));
  return (
    <table className="article-views" data-testid="article-views">
      <thead>
        <tr>
          <th>Article</th>
          <th>
            {views.days[0]} → {views.days.at(-1)}
          </th>
          <th>Today</th>
          <th>7 days</th>
          <th>{views.days.length} days</th>
        </tr>
      </thead>
      <tbody>
        {views.posts.map((post) => (
          <tr key={post.id} data-testid="article-views-row">
            <td>
              <Link href={`/posts/${post.slug}`}>{post.title}</Link>
            </td>
            <td>
              <span className="bars" aria-hidden>
                {post.byDay.map((count, i) => (
                  <span
                    key={views.days[i]}
                    title={`${views.days[i]}: ${count}`}
                    style={{ height: `${Math.max(2, (count / peak) * 100)}%` }}
                  />
                ))}
              </span>
            </td>
            <td data-testid="views-today">{formatNumber(post.byDay.at(-1) ?? 0)}</td>
            <td>{formatNumber(sum(post.byDay.slice(-7)))}</td>
            <td>{formatNumber(post.total)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
