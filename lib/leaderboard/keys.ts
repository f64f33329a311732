import { utcDay } from "@/lib/analytics/days";

/** Authors by the views of their published posts: member = user id, score = views. */
export const AUTHORS_KEY = "lb:authors";

/** Held by the one process rebuilding AUTHORS_KEY from Postgres. */
export const AUTHORS_REBUILD_LOCK = "lock:lb:authors";

/** Posts by views counted today (UTC): member = post id. Kept two days, so yesterday stays readable. */
export const trendingKey = (day: string = utcDay()) => `lb:trending:${day}`;

export const TRENDING_TTL_SECONDS = 2 * 86_400;

// The set is also rebuilt once a day: what drifted (a deleted or unpublished post's views, a view
// counted while a rebuild was writing) is set right from Postgres.
export const AUTHORS_TTL_SECONDS = 86_400;
