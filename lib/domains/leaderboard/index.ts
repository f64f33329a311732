// The leaderboard: authors by views (lb:authors) and posts trending today (lb:trending:<day>).
export { getLeaderboard, type RankedAuthor } from "@/lib/domains/leaderboard/board";
export { ensureAuthorScores } from "@/lib/domains/leaderboard/rebuild";
export { leaderboardQuerySchema } from "@/lib/domains/leaderboard/schemas";
export { getTrendingToday, type TrendingPost } from "@/lib/domains/leaderboard/trending";
