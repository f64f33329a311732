import { getLeaderboard, leaderboardQuerySchema } from "@/lib/domains/leaderboard";
import { json, route } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/platform/validation";

// GET /api/leaderboard?limit=N (1..100, default 10): `[{ rank, user: { id, username, name }, score }]`,
// authors by the views of their published posts, most viewed first.
export const GET = route(async (request: Request) => {
  const { limit } = parseOrThrow(
    leaderboardQuerySchema,
    Object.fromEntries(new URL(request.url).searchParams),
  );
  return json((await getLeaderboard(limit)).entries);
});
