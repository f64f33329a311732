import { env } from "@/lib/platform/env";

export type RateLimitSettings = Pick<
  ReturnType<typeof env>,
  | "TRUST_PROXY"
  | "RATE_LIMIT_API_PER_HOUR"
  | "RATE_LIMIT_SEARCH_PER_MINUTE"
  | "RATE_LIMIT_VIEWS_PER_MINUTE"
  | "RATE_LIMIT_VIEWS_PER_ADDRESS_PER_MINUTE"
  | "SIGNIN_MAX_FAILURES"
  | "SIGNIN_WINDOW_MINUTES"
  | "SIGNIN_ADDRESS_MAX_FAILURES"
  | "RATE_LIMIT_POSTS_PER_HOUR"
  | "RATE_LIMIT_COMMENTS_PER_HOUR"
  | "RATE_LIMIT_FOLLOWS_PER_HOUR"
  | "RATE_LIMIT_PROFILE_SAVES_PER_HOUR"
  | "RATE_LIMIT_SIGNUPS_PER_HOUR"
>;

// The rate-limit part of the validated configuration (lib/platform/env.ts).
export function rateLimitSettings(): RateLimitSettings {
  return env();
}
