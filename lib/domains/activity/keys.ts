// A user's activity stream. Both keys share the hash tag {id}: the scripts that touch them
// together run on one Redis Cluster slot.

/** The latest entries, newest first (LPUSH), trimmed to MAX_ENTRIES (LTRIM). */
export const activityKey = (userId: number) => `activity:user:{${userId}}`;

/** Entries per type (HINCRBY). Present whenever the stream has been built: its absence means "rebuild". */
export const activityCountsKey = (userId: number) => `activity:counts:{${userId}}`;

/**
 * Bumped whenever the stream is dropped because what it names changed (a post edited,
 * unpublished or deleted). A rebuild that read Postgres under an older generation does not
 * write its now stale copy back.
 */
export const activityGenerationKey = (userId: number) => `activity:generation:{${userId}}`;

export const MAX_ENTRIES = 100;

// Streams of people who stop coming back leave Redis; they are rebuilt from Postgres if asked for.
export const ACTIVITY_TTL_SECONDS = 30 * 86_400;
