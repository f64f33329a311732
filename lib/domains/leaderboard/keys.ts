import { utcDay } from "@/lib/domains/analytics/days";

/** Authors by the views of their published posts: member = user id, score = views. */
export const AUTHORS_KEY = "lb:authors";

// A rebuilt board always holds this member besides the authors, scored -inf so it ranks last, so
// "no author has views yet" (a new site: the placeholder alone) is told apart from "not in Redis"
// (no set, which means "rebuild"). Redis cannot keep an empty sorted set: without it, a board
// rebuilt with no authors would not exist, count no views, and be rebuilt on every read.
export const AUTHORS_PLACEHOLDER = "_";

/** Held by the one process rebuilding AUTHORS_KEY from Postgres. */
export const AUTHORS_REBUILD_LOCK = "lock:lb:authors";

/** Posts by views counted today (UTC): member = post id. Kept two days, so yesterday stays readable. */
export const trendingKey = (day: string = utcDay()) => `lb:trending:${day}`;

export const TRENDING_TTL_SECONDS = 2 * 86_400;

// The set is also rebuilt once a day: what drifted (a deleted or unpublished post's views, a view
// counted while a rebuild was writing) is set right from Postgres.
export const AUTHORS_TTL_SECONDS = 86_400;
