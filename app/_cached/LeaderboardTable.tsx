import { cacheLife, cacheTag } from "next/cache";
import Link from "next/link";
import { tags } from "@/lib/blog-cache/tags";
import type { RankedAuthor } from "@/lib/domains/leaderboard";
import { formatNumber } from "@/lib/platform/format";

// The top ten, rendered into Next's cache on Redis. Scores move with every view, so this entry is
// keyed by the board itself (the page reads it fresh from the sorted set, one round trip): the
// same board is rendered once, a changed one is a new entry, and nothing is ever stale. A board
// that changed is never asked for again, so its entry lives five minutes, not an hour. The
// reader's own row is marked, so the id of a reader in the table is part of the key (null for
// everyone else): at most eleven entries per board.
export async function LeaderboardTable({
  entries,
  viewerId,
}: {
  entries: RankedAuthor[];
  viewerId: number | null;
}) {
  "use cache";
  cacheTag(tags.leaderboard.next);
  cacheLife({ stale: 300, revalidate: 300, expire: 300 });
  if (entries.length === 0) return <p className="empty">No published articles yet.</p>;
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
        {entries.map((entry) => (
          <tr
            key={entry.user.id}
            data-testid="leaderboard-row"
            aria-current={entry.user.id === viewerId || undefined}
          >
            <td>#{entry.rank}</td>
            <td>
              <Link href={`/u/${entry.user.username}`}>{entry.user.name}</Link>{" "}
              <span className="meta">@{entry.user.username}</span>
            </td>
            <td>{formatNumber(entry.score)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
