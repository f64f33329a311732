import "server-only";
import { db } from "@/lib/platform/db";

/** One view straight to Postgres (Redis away); returns the new count, 0 for no post. */
export async function incrementViewCount(postId: number): Promise<number> {
  const [row] = await db.$queryRaw<{ view_count: number }[]>`
    UPDATE posts SET view_count = view_count + 1 WHERE id = ${postId} RETURNING view_count`;
  return row?.view_count ?? 0;
}

/**
 * Adds a flushed batch of views to the post; returns its new count (null for no post).
 * The batch id is recorded in the same transaction as the UPDATE: a batch retried after a
 * crash between the two (Postgres committed, Redis not told) is recognised and not re-applied.
 */
export async function applyViewBatch(
  postId: number,
  batch: string,
  delta: number,
): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`
      INSERT INTO view_flushes (batch_id, post_id, delta) VALUES (${batch}, ${postId}, ${delta})
      ON CONFLICT (batch_id) DO NOTHING`;
    if (inserted === 0) {
      return (
        (await tx.post.findUnique({ where: { id: postId }, select: { viewCount: true } }))
          ?.viewCount ?? null
      );
    }
    const [row] = await tx.$queryRaw<{ view_count: number }[]>`
      UPDATE posts SET view_count = view_count + ${delta} WHERE id = ${postId} RETURNING view_count`;
    return row?.view_count ?? null;
  });
}

/** The records of applied batches are only needed while a batch could still be retried. */
export async function pruneViewFlushes(keptDays: number): Promise<void> {
  await db.$executeRaw`DELETE FROM view_flushes WHERE created_at < now() - make_interval(days => ${keptDays})`;
}
