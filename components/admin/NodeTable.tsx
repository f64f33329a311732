import { formatBytes, formatCount } from "@/lib/admin/format";
import type { NodeRow } from "@/lib/admin/node-figures";

// Each Redis server's own INFO figures: one row on a single Redis; on a Cluster each master and
// under it its replicas, so that a master holding more than its share, or a node that stopped
// answering, shows. The figures above are the masters' summed.
export function NodeTable({ nodes, db }: { nodes: NodeRow[]; db: number }) {
  const masters = nodes.filter((node) => node.role === "master");
  const silent = masters.filter((node) => !node.answered).length;
  return (
    <>
      <p className="meta" data-testid="node-summary">
        {masters.length > 1
          ? `${masters.length} masters and ${nodes.length - masters.length} replicas; the figures above are the masters' summed (replicas hold copies of their keys).`
          : "One Redis server: the figures above are its own."}
        {silent > 0 && ` ${silent} of the masters did not answer: the sums leave them out.`}
      </p>
      <div className="table-scroll">
        <table className="admin-table" data-testid="node-table">
          <thead>
            <tr>
              <th>Address</th>
              <th>Role</th>
              <th className="num">Used memory</th>
              <th className="num">Ops per second</th>
              <th className="num">Keys in DB {db}</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((node) => (
              <tr key={node.address} data-testid="node-row" data-role={node.role}>
                <td>
                  <code>{node.address}</code>
                </td>
                <td>
                  <span className="badge">{node.role}</span>
                  {node.replicaOf && <div className="meta">of {node.replicaOf}</div>}
                  {!node.answered && <div className="meta">no answer</div>}
                </td>
                <td className="num">{formatBytes(node.usedMemory)}</td>
                <td className="num">{formatCount(node.opsPerSecond)}</td>
                <td className="num">{formatCount(node.keys)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
