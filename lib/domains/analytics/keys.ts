// Page-view analytics (the tutorial's track_page_view). Paths are the app's own page paths
// (/, /posts/<slug>, /u/<username>, /leaderboard, /search), never query strings, so the number
// of members is bounded by the pages that exist.

/** Views per page on one UTC day: a sorted set, so the top pages of a day are one ZREVRANGE. */
export const dailyPagesKey = (day: string) => `analytics:pages:${day}`;

/** Views per page since counting began. */
export const TOTAL_PAGES_KEY = "analytics:pages:total";

/** Every page view, one counter. */
export const TOTAL_VIEWS_KEY = "analytics:views:total";

export const DAILY_TTL_SECONDS = 90 * 86_400;

// The all-time set keeps its most viewed pages only (pages of deleted posts fall out in time).
export const TOTAL_PAGES_KEPT = 10_000;

export const articlePath = (slug: string) => `/posts/${slug}`;
export const profilePath = (username: string) => `/u/${username.toLowerCase()}`;
