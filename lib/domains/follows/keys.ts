// Redis mirrors of the follows table, for membership and counts. Postgres is the truth.

/** Ids of the people who follow `userId`. */
export const followersKey = (userId: number) => `followers:${userId}`;

/** Ids of the people `userId` follows. */
export const followingKey = (userId: number) => `following:${userId}`;

// Every mirrored set holds this member besides the ids, so "follows nobody" (a set with the
// placeholder alone) is told apart from "not in Redis" (no set), which means "rebuild".
export const PLACEHOLDER = "_";

// Bounds a mirror's life: one that drifted (see docs/decisions/007) is rebuilt within a week.
export const FOLLOWS_TTL_SECONDS = 7 * 86_400;
