// The parts of a request that say who is asking. Kept apart from the modules that read them
// (sessions, API keys) so the page cache in front of Next can tell a shared request from a
// personal one without loading any of that code.

/** Carries the sealed session id of a signed-in reader. */
export const SESSION_COOKIE = "blog_session";

/** Carries a reader's API key. */
export const API_KEY_HEADER = "x-api-key";

/**
 * A random id for a reader who is not signed in, set only by the view-count request, so views
 * are counted once per reader. It identifies nobody and unlocks nothing: pages ignore it.
 */
export const READER_COOKIE = "blog_reader";
