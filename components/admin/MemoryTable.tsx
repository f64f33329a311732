import Link from "next/link";
import { formatBytes, formatCount } from "@/lib/admin/format";
import type { MemorySample } from "@/lib/admin/memory";
import { namespacePattern } from "@/lib/admin/namespaces";
import { showLine } from "@/lib/admin/printable";

// Where the memory is, from a bounded SCAN sample: said plainly, with the sample's size.
export function MemoryTable({ memory, db }: { memory: MemorySample; db: number }) {
  return (
    <>
      <p className="meta" data-testid="memory-sample">
        {memory.complete
          ? `All ${formatCount(memory.sampled)} keys of DB ${db}, ${formatBytes(memory.bytes)} by MEMORY USAGE.`
          : `A sample of ${formatCount(memory.sampled)} of the ${formatCount(memory.dbKeys)} keys of DB ${db} (SCAN, at most 2,000 keys a request), ${formatBytes(memory.bytes)} by MEMORY USAGE; "≈ keys" extrapolates the sample.`}
      </p>
      <div className="table-scroll">
        <table className="admin-table" data-testid="memory-by-namespace">
          <thead>
            <tr>
              <th>Namespace</th>
              <th className="num">Keys in sample</th>
              {!memory.complete && <th className="num">≈ keys</th>}
              <th className="num">Memory</th>
              <th>Share of the sample</th>
            </tr>
          </thead>
          <tbody>
            {memory.byNamespace.map((row) => {
              const share = memory.bytes > 0 ? row.bytes / memory.bytes : 0;
              return (
                <tr key={row.namespace} data-namespace={row.namespace}>
                  <td>
                    <Link
                      href={`/admin/cache/keys?pattern=${encodeURIComponent(namespacePattern(row.namespace))}`}
                    >
                      <code>{showLine(row.namespace, 80).text}</code>
                    </Link>
                  </td>
                  <td className="num">{formatCount(row.keys)}</td>
                  {!memory.complete && <td className="num">{formatCount(row.estimatedKeys)}</td>}
                  <td className="num">{formatBytes(row.bytes)}</td>
                  <td>
                    <span
                      className="share-bar"
                      style={{ "--share": `${(share * 100).toFixed(1)}%` } as React.CSSProperties}
                    >
                      {(share * 100).toFixed(1)}%
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
