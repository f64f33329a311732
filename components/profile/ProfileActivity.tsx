import { ActivityList } from "@/components/ActivityList";
import type { Stream } from "@/lib/domains/activity/types";
import { formatNumber } from "@/lib/platform/format";

// The author's activity stream: counts per kind, then the latest entries.
export function ProfileActivity({ activity }: { activity: Stream }) {
  return (
    <>
      <h2>Recent activity</h2>
      <p className="meta" data-testid="activity-counts">
        {formatNumber(activity.counts.posted)} published · {formatNumber(activity.counts.commented)}{" "}
        comments · {formatNumber(activity.counts.followed)} followed
      </p>
      <ActivityList entries={activity.entries} />
    </>
  );
}
