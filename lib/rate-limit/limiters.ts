import "server-only";
import { countRateLimitDecision } from "@/lib/platform/metrics";
import { redis } from "@/lib/platform/redis";
import { logger } from "@/lib/util/logger";
import { createBackoffLimiter } from "./backoff";
import { createRateLimiter, type RateLimiter } from "./limiter";
import type { BackoffPolicy, RateLimitPolicy } from "./policy";
import { type RateLimitSettings, rateLimitSettings } from "./settings";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const hourly = (name: string, limit: number): RateLimitPolicy => ({
  name,
  algorithm: "sliding-log",
  limit,
  windowMs: HOUR,
});

const perMinute = (name: string, limit: number): RateLimitPolicy => ({
  name,
  algorithm: "fixed-window",
  limit,
  windowMs: MINUTE,
});

// The blog's limits. Values come from the settings, so a deployment (or the end-to-end server,
// which makes many anonymous requests from one address) can change them.
function appPolicies(settings: RateLimitSettings) {
  return {
    // Every /api/* request except /api/health and /api/events (see proxy.ts).
    api: hourly("api", settings.RATE_LIMIT_API_PER_HOUR),
    // GET /api/search and the /search page, on top of the API limit.
    search: perMinute("search", settings.RATE_LIMIT_SEARCH_PER_MINUTE),
    // POST /api/views, the browser's view count: apart from the API limit (see proxy.ts), per
    // reader and per address (views.ts).
    views: perMinute("views", settings.RATE_LIMIT_VIEWS_PER_MINUTE),
    viewsAddress: perMinute("views-address", settings.RATE_LIMIT_VIEWS_PER_ADDRESS_PER_MINUTE),
    ...passwordPolicies(settings),
    // Server actions: per signed-in user, and sign-ups per address.
    post: hourly("post", settings.RATE_LIMIT_POSTS_PER_HOUR),
    comment: hourly("comment", settings.RATE_LIMIT_COMMENTS_PER_HOUR),
    follow: hourly("follow", settings.RATE_LIMIT_FOLLOWS_PER_HOUR),
    // A name change purges every page that shows the name: saves are bounded too.
    profile: hourly("profile", settings.RATE_LIMIT_PROFILE_SAVES_PER_HOUR),
    signup: hourly("signup", settings.RATE_LIMIT_SIGNUPS_PER_HOUR),
  } satisfies Record<string, RateLimitPolicy | BackoffPolicy>;
}

// Wrong passwords, each of which costs a hash: at sign-in (signin.ts) and when a signed-in member
// changes theirs (password-checks.ts).
function passwordPolicies(settings: RateLimitSettings) {
  const signinWindow = settings.SIGNIN_WINDOW_MINUTES * MINUTE;
  const failures = (name: string, limit: number): RateLimitPolicy => ({
    name,
    algorithm: "sliding-log",
    limit,
    windowMs: signinWindow,
  });
  return {
    // Failed sign-ins per account and address.
    signin: failures("signin", settings.SIGNIN_MAX_FAILURES),
    // Failed sign-ins per address, whatever the email: one address cannot spray a password over
    // many accounts.
    signinAddress: failures("signin-address", settings.SIGNIN_ADDRESS_MAX_FAILURES),
    // Failed sign-ins per account from anywhere (the address can be forged where no trusted proxy
    // writes X-Forwarded-For): backoff from 1 s doubling to a minute, never a lockout of the owner.
    signinAccount: {
      ...failures("signin-account", settings.SIGNIN_MAX_FAILURES),
      algorithm: "backoff",
      baseDelayMs: 1_000,
      maxDelayMs: MINUTE,
    } satisfies BackoffPolicy,
    // Wrong current passwords per signed-in account.
    passwordCheck: failures("password-check", settings.SIGNIN_MAX_FAILURES),
  };
}

type Name = keyof ReturnType<typeof appPolicies>;

let settings: RateLimitSettings | undefined;
const limiters = new Map<Name, RateLimiter>();

export function appSettings(): RateLimitSettings {
  settings ??= rateLimitSettings();
  return settings;
}

function appLimiter(name: Name): RateLimiter {
  let limiter = limiters.get(name);
  if (!limiter) {
    const policy: RateLimitPolicy | BackoffPolicy = appPolicies(appSettings())[name];
    limiter = counted(
      "baseDelayMs" in policy
        ? createBackoffLimiter(policy, { redis, logger })
        : createRateLimiter(policy, { redis, logger }),
    );
    limiters.set(name, limiter);
  }
  return limiter;
}

// Every decision of the app's limiters, in the metrics (GET /api/metrics).
function counted(limiter: RateLimiter): RateLimiter {
  return {
    ...limiter,
    async hit(identity) {
      const decision = await limiter.hit(identity);
      countRateLimitDecision(limiter.policy.name, decision.allowed, decision.store);
      return decision;
    },
  };
}

export const apiLimiter = () => appLimiter("api");
export const searchLimiter = () => appLimiter("search");
export const viewsLimiter = () => appLimiter("views");
export const viewsAddressLimiter = () => appLimiter("viewsAddress");
export const signinLimiter = () => appLimiter("signin");
export const signinAddressLimiter = () => appLimiter("signinAddress");
export const signinAccountLimiter = () => appLimiter("signinAccount");
export const passwordCheckLimiter = () => appLimiter("passwordCheck");
export const actionLimiter = (name: "post" | "comment" | "follow" | "profile" | "signup") =>
  appLimiter(name);
