// The leaderboard: authors by views (lb:authors) and posts trending today (lb:trending:<day>).
export {
  getLeaderboard,
  type Leaderboard,
  type RankedAuthor,
  type Standing,
} from "@/lib/leaderboard/board";
export { ensureAuthorScores } from "@/lib/leaderboard/rebuild";
export { scoreView } from "@/lib/leaderboard/record";
export { leaderboardQuerySchema } from "@/lib/leaderboard/schemas";
export { getTrendingToday, type TrendingPost } from "@/lib/leaderboard/trending";
