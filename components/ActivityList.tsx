import Link from "next/link";
import { type Activity, describeActivity } from "@/lib/domains/activity";
import { formatDate } from "@/lib/platform/format";

export function ActivityList({ entries }: { entries: Activity[] }) {
  if (entries.length === 0) return <p className="empty">No activity yet.</p>;
  return (
    <ul className="activity-list" data-testid="activity">
      {entries.map((entry) => {
        const { verb, label, href } = describeActivity(entry);
        return (
          <li key={entry.ref} data-testid="activity-entry" data-type={entry.type}>
            {verb} <Link href={href}>{label}</Link>{" "}
            <time className="meta" dateTime={entry.at}>
              {formatDate(new Date(entry.at))}
            </time>
          </li>
        );
      })}
    </ul>
  );
}
