import { cacheLife, cacheTag } from "next/cache";
import Link from "next/link";
import { formatNumber } from "@/lib/format";
import { cacheTags } from "@/lib/cache-tags";
import { getLeaderboard } from "@/lib/leaderboard";

// The top ten, rendered into Next's cache on Redis. Scores move with every view, so it is
// refreshed in the background after 10 s and never served older than a minute; a profile edit
// (names) expires it at once. The reader's own row is marked, so the entry is per reader id
// (null for everyone not signed in).
export async function LeaderboardTable({ viewerId }: { viewerId: number | null }) {
  "use cache";
  cacheTag(cacheTags.leaderboard);
  cacheLife({ stale: 10, revalidate: 10, expire: 60 });
  const board = await getLeaderboard(10);
  if (board.entries.length === 0) return <p className="empty">No published articles yet.</p>;
  return (
    <table className="leaderboard" data-testid="leaderboard">
      <thead>
        <tr>
          <th>Rank</th>
          <th>Author</th>
          <th>Views</th>
        </tr>
      </thead>
      <tbody>
        {board.entries.map((entry) => (
          <tr key={entry.user.id} data-testid="leaderboard-row" aria-current={entry.user.id === viewerId || undefined}>
            <td>#{entry.rank}</td>
            <td>
              <Link href={`/u/${entry.user.username}`}>{entry.user.name}</Link> <span className="meta">@{entry.user.username}</span>
            </td>
            <td>{formatNumber(entry.score)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
