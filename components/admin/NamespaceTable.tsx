import Link from "next/link";
import { formatCount, formatPercent } from "@/lib/admin/format";
import { type NamespaceStats, namespacePattern } from "@/lib/admin/namespaces";

// The app's own figures per cache namespace (lib/cache stats(): every process, since the
// counters began), each row a link to its keys.
export function NamespaceTable({ namespaces }: { namespaces: NamespaceStats[] }) {
  return (
    <div className="table-scroll">
      <table className="admin-table" data-testid="namespace-stats">
        <thead>
          <tr>
            <th>Namespace</th>
            <th className="num">Hits</th>
            <th className="num">Stale</th>
            <th className="num">Misses</th>
            <th className="num">Loader calls</th>
            <th className="num">Errors</th>
            <th className="num">Hit rate</th>
          </tr>
        </thead>
        <tbody>
          {namespaces.map((row) => (
            <tr key={row.namespace} data-testid="namespace-row" data-namespace={row.namespace}>
              <td>
                <Link
                  href={`/admin/cache/keys?pattern=${encodeURIComponent(namespacePattern(row.namespace))}`}
                >
                  <code>{row.namespace}</code>
                </Link>
              </td>
              <td className="num" data-testid="ns-hits">
                {formatCount(row.hits)}
              </td>
              <td className="num">{formatCount(row.stale)}</td>
              <td className="num" data-testid="ns-misses">
                {formatCount(row.misses)}
              </td>
              <td className="num">{formatCount(row.loaderCalls)}</td>
              <td className="num">{formatCount(row.errors)}</td>
              <td className="num">
                <span
                  className="rate-bar"
                  style={
                    { "--rate": `${Math.round((row.hitRate ?? 0) * 100)}%` } as React.CSSProperties
                  }
                >
                  {formatPercent(row.hitRate)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
