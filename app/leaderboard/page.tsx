import type { Metadata } from "next";
import Link from "next/link";
import { LeaderboardTable } from "@/app/_cached/LeaderboardTable";
import { TracePanel } from "@/components/TracePanel";
import { TrendingPosts } from "@/components/TrendingPosts";
import { ViewBeacon } from "@/components/ViewBeacon";
import { loadLeaderboard } from "@/lib/blog/pages/leaderboard";
import { currentUser } from "@/lib/domains/auth/session";
import { formatNumber } from "@/lib/platform/format";
import { traced } from "@/lib/platform/request-trace";

export const metadata: Metadata = { title: "Leaderboard" };

export default async function LeaderboardPage() {
  const viewer = await currentUser();
  const { value, trace } = await traced(() => loadLeaderboard(viewer));
  const { board, trending } = value;
  // The reader's id is part of the table's cache key: only a reader in the table needs it there.
  const markedId = board.entries.some((entry) => entry.user.id === viewer?.id)
    ? (viewer?.id ?? null)
    : null;
  return (
    <div className="container wide layout-with-sidebar">
      <div>
        <h1 className="page-title">Leaderboard</h1>
        <p className="lede">
          Authors by the views of their published articles: a Redis sorted set (
          <code>lb:authors</code>) that every counted view raises with ZINCRBY.
        </p>
        {viewer && (
          <p className="card" data-testid="your-rank">
            {board.you ? (
              <>
                Your rank: <strong>#{board.you.rank}</strong> with {formatNumber(board.you.score)}{" "}
                {board.you.score === 1 ? "view" : "views"}.
              </>
            ) : (
              <>
                Your rank: not ranked yet. <Link href="/posts/new">Publish an article</Link> and get
                read.
              </>
            )}
          </p>
        )}
        <LeaderboardTable entries={board.entries} viewerId={markedId} />
        {board.source === "postgres" && (
          <p className="meta">Redis is rebuilding the board: these figures come from Postgres.</p>
        )}
        <TracePanel trace={trace} useCache="The table of the top ten" />
        <ViewBeacon path="/leaderboard" />
      </div>
      <aside>
        <TrendingPosts posts={trending} />
      </aside>
    </div>
  );
}
