// View counts, write-behind: counted in Redis, moved to posts.view_count in batches. A domain:
// uses lib/platform/, lib/redis/ and the leaderboard (scoreView); page-view.ts and reader.ts also
// the analytics, posts, users and auth domains. POST /api/views comes in through page-view.ts
// and reader.ts; the article page reads liveViews; instrumentation-node.ts starts sweep.ts.
//   counter.ts    recordView, countViewOnce, liveViews, dropViews: the flush-every-N rule here
//   keys.ts       a post's pending, base and flushing keys (hash tag {id}), seen marks, dirty set
//   scripts.ts    the Lua scripts: count a view, claim a batch, finish a batch
//   flush.ts      flushViews: claim a batch, apply it once in Postgres, release; 3 rounds at most
//   sweep.ts      flushAllViews over the dirty set, the periodic sweeper, the flush on SIGTERM
//   mutations.ts  the Postgres writes: one view, a batch applied once (view_flushes), pruning
//   queries.ts    storedViewCount: Postgres' count, without what is pending
//   fail-open.ts  viewsBreaker: after 5 failures in a row, views go straight to Postgres
//   reader.ts     who is reading: user:<id>, or anon:<id> from a cookie only the view request sets
//   page-view.ts  recordPageView: a shown page's page view, and an article's view once per reader
// This file: a view increments a counter in Redis; every Nth view of a post (VIEW_FLUSH_EVERY)
// moves the pending delta to Postgres in one UPDATE. What is shown is Postgres plus what is
// pending. If Redis loses its data, at most the views not yet flushed are lost; no view is
// counted twice.
import "server-only";
import { scoreView } from "@/lib/domains/leaderboard/record";
import { viewsBreaker } from "@/lib/domains/view-counts/fail-open";
import { flushViews } from "@/lib/domains/view-counts/flush";
import {
  DIRTY_SET,
  PENDING_TTL_SECONDS,
  SEEN_WINDOW_SECONDS,
  seenKey,
  viewKeys,
} from "@/lib/domains/view-counts/keys";
import { incrementViewCount } from "@/lib/domains/view-counts/mutations";
import { storedViewCount } from "@/lib/domains/view-counts/queries";
import { recordViewScript } from "@/lib/domains/view-counts/scripts";
import { env } from "@/lib/platform/env";
import { redis } from "@/lib/platform/redis";
import { recordOperation } from "@/lib/platform/request-trace";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";

/**
 * Counts one view and returns the post's live view count. The author's leaderboard score and the
 * post's trending score travel in the same round trip.
 */
export async function recordView(post: { id: number; authorId: number }): Promise<number> {
  const postId = post.id;
  const keys = viewKeys(postId);
  const started = performance.now();
  let bookkeeping: Promise<unknown> | undefined;
  const answer = await viewsBreaker().attempt(() => {
    // Sent with the count, so in the same round trip, and only when the count is sent (not while
    // the circuit is open, when each would wait out a stalled Redis). Never rejects, so only a
    // failed count (below) falls back to Postgres and a view is not counted in both places.
    bookkeeping = Promise.all([
      redis().sadd(DIRTY_SET, postId),
      redis().expire(DIRTY_SET, PENDING_TTL_SECONDS),
      scoreView(post),
    ]).catch((error) =>
      logger.warn("view bookkeeping skipped", { postId, error: errorMessage(error) }),
    );
    return recordViewScript(
      redis(),
      [keys.pending, keys.base, keys.flushing],
      [PENDING_TTL_SECONDS],
    );
  });
  await bookkeeping;
  if (!answer.ok) {
    // Not connected (or the circuit open): the command never left this process, so the view goes
    // to Postgres. Connected but timed out: a slow Redis may still run it, and counting it in
    // Postgres too could count it twice, so it is dropped.
    if (answer.failure === "timed-out") {
      logger.warn("view counter timed out; view not counted", { postId });
      return storedViewCount(postId);
    }
    logger.warn("view counter unavailable; writing the view to Postgres", {
      postId,
      error: answer.error === undefined ? answer.failure : errorMessage(answer.error),
    });
    return incrementViewCount(postId);
  }
  const [pending, base, inFlight] = answer.value;
  const flush = pending >= env().VIEW_FLUSH_EVERY;
  if (flush) void flushViews(postId).catch(logFlushFailure(postId));
  recordOperation({
    key: keys.pending,
    pattern: "Write-behind",
    result: flush ? `${pending} pending: flush` : `${pending} pending`,
    ms: performance.now() - started,
  });
  const stored = base === null ? await seedBase(postId) : Number(base);
  return stored + pending + Number(inFlight ?? 0);
}

/**
 * A reader's view, counted once per post within SEEN_WINDOW_SECONDS (their mark is one SET NX in
 * the post's slot). Returns the live count either way. If Redis cannot be asked the view is
 * counted (in Postgres, by recordView): a reload during an outage may count twice, none is lost.
 */
export async function countViewOnce(
  post: { id: number; authorId: number },
  reader: string,
): Promise<{ views: number; counted: boolean }> {
  // Through the breaker, as the count is: with the circuit open, Redis is not waited for twice.
  const mark = await viewsBreaker().attempt(() =>
    redis().set(seenKey(post.id, reader), "1", "EX", SEEN_WINDOW_SECONDS, "NX"),
  );
  const first = !mark.ok || mark.value === "OK";
  if (first) return { views: await recordView(post), counted: true };
  return { views: await liveViews(post.id), counted: false };
}

/** Postgres' count plus what is pending in Redis, without counting anything. */
export async function liveViews(postId: number): Promise<number> {
  const keys = viewKeys(postId);
  try {
    const [pending, base, inFlight] = await Promise.all([
      redis().get(keys.pending),
      redis().get(keys.base),
      redis().hget(keys.flushing, "delta"),
    ]);
    const stored = base === null ? await seedBase(postId) : Number(base);
    return stored + Number(pending ?? 0) + Number(inFlight ?? 0);
  } catch {
    return storedViewCount(postId);
  }
}

// The base is missing (new post, or Redis lost it): read it once from Postgres.
async function seedBase(postId: number): Promise<number> {
  const count = await storedViewCount(postId);
  await redis()
    .set(viewKeys(postId).base, count, "EX", PENDING_TTL_SECONDS, "NX")
    .catch((error) =>
      logger.warn("view base not stored; read again next time", {
        postId,
        error: errorMessage(error),
      }),
    );
  return count;
}

function logFlushFailure(postId: number) {
  return (error: unknown) =>
    logger.warn("view flush failed; the sweep will retry it", {
      postId,
      error: errorMessage(error),
    });
}

/** Forgets a deleted post's counters (they expire anyway if Redis cannot be told). */
export async function dropViews(postId: number): Promise<void> {
  const keys = viewKeys(postId);
  await Promise.all([
    redis().unlink(keys.pending, keys.base, keys.flushing),
    redis().srem(DIRTY_SET, postId),
  ]).catch((error) =>
    logger.warn("view counters of a deleted post left to expire", {
      postId,
      error: errorMessage(error),
    }),
  );
}
