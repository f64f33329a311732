// Three algorithms: the two limiters of the tutorial's "Rate Limiting" section, and one more.
// - fixed window (`rate_limit`): a counter per identity that starts with the first hit and
//   expires with its window. Cheap, but allows up to twice the limit across a window boundary.
// - sliding log (`RateLimiter.is_allowed`): a sorted set of the hits of the last window. Exact,
//   at one set member per allowed hit.
// - backoff (backoff.ts): not in the tutorial; a delay that doubles with each failure.
type Algorithm = "fixed-window" | "sliding-log" | "backoff";

export type RateLimitPolicy = {
  // Names the Redis keys (rl:<name>:<identity>) and the policy in the RateLimit headers.
  name: string;
  algorithm: Algorithm;
  limit: number;
  windowMs: number;
};

/** The backoff limiter's policy (backoff.ts): free failures, then a delay that doubles. */
export type BackoffPolicy = RateLimitPolicy & {
  algorithm: "backoff";
  baseDelayMs: number;
  maxDelayMs: number;
};

/** A backoff decision: allowed (1/0), ms to wait (refused) or the delay this failure sets, failures, next. */
export type Attempted = [allowed: number, wait: number, failures: number, next: number];

export type Decision = {
  allowed: boolean;
  limit: number;
  remaining: number;
  // Until more quota is available: the end of a fixed window, or when the oldest hit of a
  // sliding log leaves the window.
  resetMs: number;
  // A sliding-log hit's own member, so that hit alone can be taken back.
  member?: string;
  // Where it was decided: "memory" while Redis is unavailable.
  store: "redis" | "memory";
};

export function definePolicy(policy: RateLimitPolicy): RateLimitPolicy {
  if (!/^[a-z][a-z0-9-]*$/.test(policy.name))
    throw new Error(
      `Rate-limit policy name "${policy.name}" must be lowercase letters, digits or dashes`,
    );
  if (!Number.isInteger(policy.limit) || policy.limit < 1)
    throw new Error(`Rate-limit policy "${policy.name}": limit must be a positive integer`);
  if (!Number.isInteger(policy.windowMs) || policy.windowMs < 1)
    throw new Error(`Rate-limit policy "${policy.name}": windowMs must be a positive integer`);
  return policy;
}
