import type { FollowCounts } from "@/lib/domains/follows";
import type { UserStatistics } from "@/lib/domains/users/queries";
import { formatNumber } from "@/lib/platform/format";

export function ProfileStats({ stats, follows }: { stats: UserStatistics; follows: FollowCounts }) {
  return (
    <div className="stats" style={{ marginBottom: "1.5rem" }} data-testid="profile-stats">
      <span>
        <strong>{formatNumber(stats.totalPosts)}</strong> articles
      </span>
      <span>
        <strong>{formatNumber(stats.totalViews)}</strong> views
      </span>
      <span>
        <strong>{formatNumber(stats.averageViews)}</strong> average
      </span>
      <span data-testid="followers-count">
        <strong>{formatNumber(follows.followers)}</strong> followers
      </span>
      <span data-testid="following-count">
        <strong>{formatNumber(follows.following)}</strong> following
      </span>
    </div>
  );
}
