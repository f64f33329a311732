import "server-only";
import { AUTHORS_KEY, AUTHORS_PLACEHOLDER } from "@/lib/domains/leaderboard/keys";
import { rankedUsers } from "@/lib/domains/leaderboard/queries";
import { authorScoresFromPostgres, ensureAuthorScores } from "@/lib/domains/leaderboard/rebuild";
import { redis } from "@/lib/platform/redis";
import { recordOperation } from "@/lib/platform/request-trace";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";

export type RankedAuthor = {
  rank: number;
  user: { id: number; username: string; name: string };
  score: number;
};
type Standing = { rank: number; score: number };
export type Leaderboard = {
  entries: RankedAuthor[];
  you: Standing | null;
  source: "redis" | "postgres";
};

type Ranking = { top: { authorId: number; score: number }[]; you: Standing | null };

// Members and scores as ZREVRANGE ... WITHSCORES answers them: [member, score, member, score, ...],
// without the placeholder (last, when the set has fewer authors than asked for).
function pairs(flat: string[]): { authorId: number; score: number }[] {
  const out = [];
  for (let i = 0; i < flat.length; i += 2) {
    if (flat[i] !== AUTHORS_PLACEHOLDER)
      out.push({ authorId: Number(flat[i]), score: Number(flat[i + 1]) });
  }
  return out;
}

// Top N and the viewer's standing in one round trip; null when the set is missing.
async function rankingFromRedis(limit: number, viewerId?: number): Promise<Ranking | null> {
  const client = redis();
  const [exists, flat, rank, score] = await Promise.all([
    client.exists(AUTHORS_KEY),
    client.zrevrange(AUTHORS_KEY, 0, limit - 1, "WITHSCORES"),
    viewerId === undefined ? null : client.zrevrank(AUTHORS_KEY, viewerId),
    viewerId === undefined ? null : client.zscore(AUTHORS_KEY, viewerId),
  ]);
  if (!exists) return null;
  return {
    top: pairs(flat),
    you: rank === null || score === null ? null : { rank: rank + 1, score: Number(score) },
  };
}

// The same order Redis gives: score descending, equal scores by member (the id as text) descending.
async function rankingFromPostgres(limit: number, viewerId?: number): Promise<Ranking> {
  const sorted = [...(await authorScoresFromPostgres())]
    .map(([authorId, score]) => ({ authorId, score }))
    .sort((a, b) => b.score - a.score || (String(b.authorId) > String(a.authorId) ? 1 : -1));
  const index = sorted.findIndex((entry) => entry.authorId === viewerId);
  return {
    top: sorted.slice(0, limit),
    you: index < 0 ? null : { rank: index + 1, score: sorted[index].score },
  };
}

async function ranking(
  limit: number,
  viewerId?: number,
): Promise<{ ranking: Ranking; source: Leaderboard["source"]; result: string }> {
  try {
    const first = await rankingFromRedis(limit, viewerId);
    if (first) return { ranking: first, source: "redis", result: `top ${limit}` };
    const outcome = await ensureAuthorScores();
    const again = outcome === "unavailable" ? null : await rankingFromRedis(limit, viewerId);
    if (again) return { ranking: again, source: "redis", result: `missing: ${outcome}` };
  } catch (error) {
    logger.warn("leaderboard unavailable in Redis; reading Postgres", {
      error: errorMessage(error),
    });
  }
  return {
    ranking: await rankingFromPostgres(limit, viewerId),
    source: "postgres",
    result: "from Postgres",
  };
}

async function usersOf(ranking: Ranking) {
  const users = await rankedUsers(ranking.top.map((entry) => entry.authorId));
  return new Map(users.map((user) => [user.id, user]));
}

/**
 * The top `limit` authors by views (ZREVRANGE), with the viewer's rank (ZREVRANK) when signed in.
 * The users behind the ranking are read in one query. A missing set is rebuilt (once, under a
 * lock); while that is impossible the ranking comes from Postgres.
 */
export async function getLeaderboard(limit: number, viewerId?: number): Promise<Leaderboard> {
  const started = performance.now();
  let { ranking: board, source, result } = await ranking(limit, viewerId);
  let users = await usersOf(board);
  // A deleted user's posts went with them, so their score is void: drop them and rank again.
  const gone = board.top
    .filter((entry) => !users.has(entry.authorId))
    .map((entry) => entry.authorId);
  if (gone.length > 0 && source === "redis") {
    await redis()
      .zrem(AUTHORS_KEY, ...gone)
      .catch(() => 0);
    ({ ranking: board, source } = await ranking(limit, viewerId));
    users = await usersOf(board);
    result += `, ${gone.length} deleted removed`;
  }
  recordOperation({
    key: AUTHORS_KEY,
    pattern: "Sorted set (leaderboard)",
    result,
    ms: performance.now() - started,
  });
  const entries = board.top.flatMap((entry, i) => {
    const user = users.get(entry.authorId);
    return user ? [{ rank: i + 1, user, score: entry.score }] : [];
  });
  return { entries, you: board.you, source };
}
