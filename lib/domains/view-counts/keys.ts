// Write-behind view counters. A post's three keys share the hash tag {id}, so the scripts that
// touch them together run on one Redis Cluster slot.
export const viewKeys = (postId: number) => ({
  /** Views counted in Redis and not yet moved to Postgres. */
  pending: `views:pending:{${postId}}`,
  /** posts.view_count as of the last flush, so a page shows the count without SQL. */
  base: `views:base:{${postId}}`,
  /** The batch being moved to Postgres right now: { batch, delta }. */
  flushing: `views:flushing:{${postId}}`,
});

/** A reader who was counted for this post within the window (SET NX EX), in the post's slot. */
export const seenKey = (postId: number, reader: string) => `views:seen:{${postId}}:${reader}`;

/** A reader counts once per post within this window: a reread after half an hour is a new view. */
export const SEEN_WINDOW_SECONDS = 30 * 60;

/** Ids of posts with views not yet in Postgres, for the periodic sweep. */
export const DIRTY_SET = "views:dirty";

export const PENDING_TTL_SECONDS = 7 * 86_400;
