import "server-only";
import {
  AUTHORS_KEY,
  AUTHORS_PLACEHOLDER,
  AUTHORS_REBUILD_LOCK,
  AUTHORS_TTL_SECONDS,
} from "@/lib/domains/leaderboard/keys";
import { publishedPostAuthors, publishedViewsByAuthor } from "@/lib/domains/leaderboard/queries";
import { DIRTY_SET, viewKeys } from "@/lib/domains/view-counts/keys";
import { redis } from "@/lib/platform/redis";
import { waitForLockHolder, withLock } from "@/lib/redis";
import { logger } from "@/lib/util/logger";

const LOCK_MS = 15_000;
const POLL_MS = 25;
const ZADD_CHUNK = 1_000;

/**
 * The truth behind lb:authors: views of each author's published posts, as Postgres has them plus
 * the views still pending in Redis (counted on the pages, not flushed yet), so a rebuilt board
 * agrees with the counts readers see. Postgres is read first: a batch flushed between the two
 * reads is missed (a few views low until the next rebuild), never counted twice.
 */
export async function authorScoresFromPostgres(): Promise<Map<number, number>> {
  const rows = await publishedViewsByAuthor();
  const scores = new Map(rows.map((row) => [row.author_id, Number(row.views)]));
  // With Redis away (a reader falling back to Postgres) the pending views are unknown: left out.
  const pending = await pendingViewsByAuthor().catch(() => new Map<number, number>());
  for (const [authorId, views] of pending) {
    const score = scores.get(authorId);
    if (score !== undefined) scores.set(authorId, score + views);
  }
  return scores;
}

async function pendingViewsByAuthor(): Promise<Map<number, number>> {
  const client = redis();
  const ids = (await client.smembers(DIRTY_SET)).map(Number);
  if (ids.length === 0) return new Map();
  const [pending, flushing] = await Promise.all([
    Promise.all(ids.map((id) => client.get(viewKeys(id).pending))),
    Promise.all(ids.map((id) => client.hget(viewKeys(id).flushing, "delta"))),
  ]);
  const viewsOf = new Map(
    ids.map((id, i) => [id, Number(pending[i] ?? 0) + Number(flushing[i] ?? 0)]),
  );
  const posts = await publishedPostAuthors(ids.filter((id) => (viewsOf.get(id) ?? 0) > 0));
  const byAuthor = new Map<number, number>();
  for (const post of posts)
    byAuthor.set(post.authorId, (byAuthor.get(post.authorId) ?? 0) + (viewsOf.get(post.id) ?? 0));
  return byAuthor;
}

// One transaction: readers see no set, then the whole set, never a part of it. The placeholder
// makes the set exist even with no authors.
async function writeScores(scores: Map<number, number>): Promise<void> {
  const members = [...scores].flatMap(([authorId, views]) => [views, authorId]);
  const tx = redis().multi().del(AUTHORS_KEY).zadd(AUTHORS_KEY, "-inf", AUTHORS_PLACEHOLDER);
  for (let i = 0; i < members.length; i += ZADD_CHUNK * 2)
    tx.zadd(AUTHORS_KEY, ...members.slice(i, i + ZADD_CHUNK * 2));
  tx.expire(AUTHORS_KEY, AUTHORS_TTL_SECONDS);
  const results = await tx.exec();
  const failed = results?.find(([error]) => error);
  if (!results || failed)
    throw failed?.[0] ?? new Error("leaderboard rebuild transaction discarded");
}

/** present: it was there; rebuilt: this call built it; waited: another did; unavailable: still missing. */
export type EnsureOutcome = "present" | "rebuilt" | "waited" | "unavailable";

/**
 * Makes sure lb:authors exists. When it is missing, one caller (across every process: a Redis lock)
 * rebuilds it from Postgres, with no authors too (a new site); the others wait for it, or, when the
 * rebuild fails or takes longer than `waitMs`, answer "unavailable" so the caller reads Postgres.
 */
export async function ensureAuthorScores(waitMs = 2_000): Promise<EnsureOutcome> {
  const client = redis();
  if (await client.exists(AUTHORS_KEY)) return "present";
  const rebuilt = await withLock(client, AUTHORS_REBUILD_LOCK, LOCK_MS, async () => {
    // Another process may have finished between our EXISTS and our lock.
    if (await client.exists(AUTHORS_KEY)) return "present" as const;
    const scores = await authorScoresFromPostgres();
    await writeScores(scores);
    logger.info("leaderboard rebuilt from Postgres", { authors: scores.size });
    return "rebuilt" as const;
  });
  if (rebuilt.acquired) return rebuilt.value;
  // The lock first, then the board (lib/redis/lock.ts says why), in one round trip.
  const waited = await waitForLockHolder(
    async () => {
      const [locked, built] = await Promise.all([
        client.exists(AUTHORS_REBUILD_LOCK),
        client.exists(AUTHORS_KEY),
      ]);
      return { held: locked === 1, value: built === 1 ? ("waited" as const) : undefined };
    },
    { timeoutMs: waitMs, pollMs: POLL_MS },
  );
  return waited ?? "unavailable";
}
