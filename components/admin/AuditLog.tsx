import { showLine } from "@/lib/admin/printable";
import type { AuditEntry } from "@/lib/admin/queries";

// The latest admin actions: who, what, on what, when, and what came of it.
export function AuditLog({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p className="empty">No admin action yet.</p>;
  return (
    <div className="table-scroll">
      <table className="admin-table" data-testid="audit-log">
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Who</th>
            <th>What</th>
            <th>On</th>
            <th>Result</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
              <td>
                <time dateTime={entry.createdAt.toISOString()}>
                  {entry.createdAt.toISOString().slice(0, 19).replace("T", " ")}
                </time>
              </td>
              <td>{entry.actorName}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td>
                <code className="key-name">{showLine(entry.target, 120).text}</code>
              </td>
              <td>
                <code className="audit-details">
                  {showLine(JSON.stringify(entry.details), 240).text}
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
