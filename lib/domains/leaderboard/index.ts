// The leaderboard: authors by views (lb:authors) and posts trending today (lb:trending:<day>),
// sorted sets in Redis; the board is rebuilt from Postgres when lost. A domain: uses
// lib/platform/, lib/redis/, analytics' utcDay and view-counts' keys. Pages and
// GET /api/leaderboard import this barrel; the view counter calls record.ts directly.
//   board.ts     getLeaderboard: top N and the viewer's rank in one round trip; Postgres fallback
//   trending.ts  getTrendingToday: today's top posts, titles in one query, deleted ones removed
//   record.ts    scoreView: +1 to the author (only while the board exists) and to today's post
//   rebuild.ts   ensureAuthorScores: a missing board rebuilt once, under a lock, from Postgres
//   keys.ts      the keys and TTLs; the "_" placeholder that tells "empty" from "missing"
//   scripts.ts   the Lua script: ZINCRBY only while the set exists
//   queries.ts   the Postgres reads: views by author, posts' authors, ranked users, trending posts
//   schemas.ts   ?limit= of GET /api/leaderboard: 1 to 100, default 10
export { getLeaderboard, type RankedAuthor } from "@/lib/domains/leaderboard/board";
export { ensureAuthorScores } from "@/lib/domains/leaderboard/rebuild";
export { leaderboardQuerySchema } from "@/lib/domains/leaderboard/schemas";
export { getTrendingToday, type TrendingPost } from "@/lib/domains/leaderboard/trending";
