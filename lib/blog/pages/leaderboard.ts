import "server-only";
import { getLeaderboard, getTrendingToday } from "@/lib/domains/leaderboard";
import type { PublicUser } from "@/lib/domains/users/queries";

// The top 10 authors with the reader's own rank, and today's trending posts, in one batch.
export async function loadLeaderboard(viewer: PublicUser | null) {
  const [board, trending] = await Promise.all([
    getLeaderboard(10, viewer?.id),
    getTrendingToday(5),
  ]);
  return { board, trending };
}
