import Link from "next/link";
import { formatCount } from "@/lib/admin/format";
import { showLine } from "@/lib/admin/printable";
import type { PageCount } from "@/lib/domains/analytics";

// Page views counted in Redis (lib/domains/analytics): today's most viewed pages and the site's total.
export function AnalyticsCard({
  day,
  top,
  total,
}: {
  day: string;
  top: PageCount[];
  total: number;
}) {
  return (
    <div className="stack" data-testid="analytics">
      <p>
        <strong data-testid="total-page-views">{formatCount(total)}</strong> page views since
        counting began.
      </p>
      {top.length === 0 ? (
        <p className="empty">No page views yet today ({day}).</p>
      ) : (
        <table className="admin-table">
          <caption className="meta">Most viewed today, {day} (UTC)</caption>
          <thead>
            <tr>
              <th>Page</th>
              <th className="num">Views</th>
            </tr>
          </thead>
          <tbody>
            {top.map((page) => (
              <tr key={page.path}>
                <td>
                  {page.path.startsWith("/") && !page.path.startsWith("//") ? (
                    <Link href={page.path}>{showLine(page.path, 100).text}</Link>
                  ) : (
                    showLine(page.path, 100).text
                  )}
                </td>
                <td className="num">{formatCount(page.views)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
