import "server-only";
import { randomUUID } from "node:crypto";
import { DIRTY_SET, PENDING_TTL_SECONDS, viewKeys } from "@/lib/domains/view-counts/keys";
import { applyViewBatch } from "@/lib/domains/view-counts/mutations";
import { claimBatchScript, finishBatchScript } from "@/lib/domains/view-counts/scripts";
import { countViewFlush } from "@/lib/platform/metrics";
import { redis } from "@/lib/platform/redis";

// The write-behind's second half (./counter.ts counts): pending views move to Postgres in
// batches, each claimed in Redis, applied once in Postgres, then released.

/**
 * Moves a post's pending views to Postgres: first a batch left in flight by a failure, then
 * what is pending. Safe to run from any number of processes at once. Returns the views moved.
 */
export async function flushViews(postId: number): Promise<number> {
  try {
    return await moveViews(postId);
  } catch (error) {
    countViewFlush("failed");
    throw error;
  }
}

async function moveViews(postId: number): Promise<number> {
  const keys = viewKeys(postId);
  let moved = 0;
  // Bounded: views keep arriving while we flush; what is left waits for the next flush.
  for (let round = 0; round < 3; round++) {
    const claimed = await claimBatchScript(
      redis(),
      [keys.pending, keys.flushing],
      [randomUUID(), PENDING_TTL_SECONDS],
    );
    if (!claimed) {
      await redis().srem(DIRTY_SET, postId);
      // A view may have landed between the claim and the SREM: keep the post for the sweep.
      if (await redis().exists(keys.pending)) await redis().sadd(DIRTY_SET, postId);
      break;
    }
    const [batch, delta] = [claimed[0], Number(claimed[1])];
    const count = await applyViewBatch(postId, batch, delta);
    await finishBatchScript(
      redis(),
      [keys.flushing, keys.base],
      [batch, count ?? 0, PENDING_TTL_SECONDS],
    );
    countViewFlush("flushed", delta);
    moved += delta;
  }
  return moved;
}
