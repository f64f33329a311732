// The leaderboard: authors by views (lb:authors) and posts trending today (lb:trending:<day>).
export {
  getLeaderboard,
  type Leaderboard,
  type RankedAuthor,
  type Standing,
} from "@/lib/domains/leaderboard/board";
export { ensureAuthorScores } from "@/lib/domains/leaderboard/rebuild";
export { scoreView } from "@/lib/domains/leaderboard/record";
export { leaderboardQuerySchema } from "@/lib/domains/leaderboard/schemas";
export { getTrendingToday, type TrendingPost } from "@/lib/domains/leaderboard/trending";
