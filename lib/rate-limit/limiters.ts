import "server-only";
import { logger } from "@/lib/logger";
import { redis } from "@/lib/redis";
import { createRateLimiter, type RateLimiter } from "./limiter";
import type { RateLimitPolicy } from "./policy";
import { rateLimitSettings, type RateLimitSettings } from "./settings";

const MINUTE = 60_000;

// The blog's limits. Values come from the settings, so a deployment (or the end-to-end
// server, which makes many anonymous requests from one address) can change them.
export function appPolicies(settings: RateLimitSettings) {
  return {
    // Every /api/* request except /api/health and /api/events (see proxy.ts).
    api: { name: "api", algorithm: "sliding-log", limit: settings.RATE_LIMIT_API_PER_HOUR, windowMs: 60 * MINUTE },
    // GET /api/search and the /search page, on top of the API limit.
    search: { name: "search", algorithm: "fixed-window", limit: settings.RATE_LIMIT_SEARCH_PER_MINUTE, windowMs: MINUTE },
    // POST /api/views, the browser's view count: apart from the API limit (see proxy.ts).
    views: { name: "views", algorithm: "fixed-window", limit: settings.RATE_LIMIT_VIEWS_PER_MINUTE, windowMs: MINUTE },
    // Failed sign-ins per account and address; see signin.ts.
    signin: { name: "signin", algorithm: "sliding-log", limit: settings.SIGNIN_MAX_FAILURES, windowMs: settings.SIGNIN_WINDOW_MINUTES * MINUTE },
    // Failed sign-ins per account from anywhere: the address can be forged where no trusted
    // proxy writes X-Forwarded-For, so guessing one account's password is bounded without it.
    signinAccount: {
      name: "signin-account",
      algorithm: "sliding-log",
      limit: settings.SIGNIN_MAX_FAILURES * 4,
      windowMs: settings.SIGNIN_WINDOW_MINUTES * MINUTE,
    },
  } satisfies Record<string, RateLimitPolicy>;
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
    limiter = createRateLimiter(appPolicies(appSettings())[name], { redis, logger });
    limiters.set(name, limiter);
  }
  return limiter;
}

export const apiLimiter = () => appLimiter("api");
export const searchLimiter = () => appLimiter("search");
export const viewsLimiter = () => appLimiter("views");
export const signinLimiter = () => appLimiter("signin");
export const signinAccountLimiter = () => appLimiter("signinAccount");
