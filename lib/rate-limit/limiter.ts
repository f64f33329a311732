// The rate limiter: one Lua script per decision, policies, fail-open to this process's memory,
// headers. Infrastructure below the domains: imports lib/platform/, lib/http/, lib/redis/ and
// lib/util/; only identity.ts (who is signed in, whose API key) imports a domain. Used by
// proxy.ts (the two *-proxy.ts), route handlers (with-rate-limit.ts), server actions (actions.ts,
// signin.ts) and app/search/slow-down.
//   policy.ts                RateLimitPolicy, BackoffPolicy, Decision; the algorithms compared
//   limiter.ts               createRateLimiter: fixed window or sliding log (this file)
//   scripts.ts               the Lua script of each decision: fixed window, sliding log
//   backoff.ts               the backoff limiter (delay doubles per failure) and its two scripts
//   memory-store.ts          fixed window and sliding log in memory while Redis is away (bounded)
//   backoff-memory-store.ts  the backoff rule in memory, with the same answers as its script
//   fail-open.ts             limiterBreaker: one failure opens the circuit; outage logged once
//   settings.ts              the rate-limit part of the settings (lib/platform/env.ts)
//   limiters.ts              the blog's policies (api, search, views, sign-in, writes), limiters
//   identity.ts              who an API request counts against: key:<id>, user:<id>, ip:<address>
//   headers.ts               RateLimit and X-RateLimit-* headers, the 429 answer, the wait in words
//   api-proxy.ts             limitApiRequest: the API-wide limit proxy.ts runs before /api/*
//   search-page-proxy.ts     limitSearchPage: /search?q= over the limit rewritten to a 429 page
//   with-rate-limit.ts       withRateLimit(limiter, handler): a route's own limit (search, views)
//   actions.ts               limitUserAction, limitSignUp: server actions' limits, AppError 429
//   signin.ts                limitSignInAttempts: three bounds on failed sign-ins
// This file: createRateLimiter, a policy's limiter: each hit decided and counted by one script in
// Redis, or in memory while Redis fails (fail-open.ts); undo takes a sliding-log hit back.
import { randomBytes } from "node:crypto";
import type { WarnLogger } from "@/lib/redis";
import type { RedisClient } from "@/lib/redis/client";
import { limiterBreaker } from "./fail-open";
import { MemoryStore } from "./memory-store";
import { type Decision, definePolicy, type RateLimitPolicy } from "./policy";
import { fixedWindowScript, slidingLogScript } from "./scripts";

export type RateLimiter = {
  readonly policy: RateLimitPolicy;
  // Counts a hit for `identity` if the policy allows it.
  hit(identity: string): Promise<Decision>;
  // Takes back one allowed sliding-log hit (a sign-in that turned out not to be a failure).
  undo(identity: string, decision: Decision): Promise<void>;
};

export type RateLimiterOptions = {
  redis: () => RedisClient;
  logger: WarnLogger;
  // Keys are `${keyPrefix}:${policy.name}:${identity}`.
  keyPrefix?: string;
  // After a Redis failure, decide in memory for this long before one probe asks Redis again,
  // so an outage costs one client timeout now and then instead of one per request.
  cooldownMs?: number;
  logIntervalMs?: number;
};

export function createRateLimiter(
  policy: RateLimitPolicy,
  options: RateLimiterOptions,
): RateLimiter {
  definePolicy(policy);
  const { keyPrefix = "rl", cooldownMs = 5_000, logIntervalMs = 60_000 } = options;
  const memory = new MemoryStore(policy);
  const { breaker, answered } = limiterBreaker(policy.name, {
    logger: options.logger,
    cooldownMs,
    logIntervalMs,
  });
  const keyOf = (identity: string) => `${keyPrefix}:${policy.name}:${identity}`;

  // Fails open (lib/redis/breaker.ts): any Redis error, including the client's command timeout,
  // is decided in memory, and so is every request while the circuit is open.
  async function hit(identity: string): Promise<Decision> {
    const key = keyOf(identity);
    const nonce = randomBytes(6).toString("base64url");
    const answer = await breaker.run(() => decideInRedis(options.redis(), policy, key, nonce));
    if (!answer.ok) return { ...memory.hit(key, nonce), store: "memory" };
    answered();
    return answer.value;
  }

  async function undo(identity: string, decision: Decision): Promise<void> {
    if (!decision.allowed || !decision.member) return;
    const key = keyOf(identity);
    if (decision.store === "memory") return memory.remove(key, decision.member);
    await breaker.run(() => options.redis().zrem(key, decision.member as string));
  }

  return { policy, hit, undo };
}

// One script call decides and counts the hit, so concurrent requests cannot both pass the limit.
async function decideInRedis(
  client: RedisClient,
  { limit, windowMs, algorithm }: RateLimitPolicy,
  key: string,
  nonce: string,
): Promise<Decision> {
  const decided = (allowed: number, count: number, resetMs: number): Decision => ({
    allowed: allowed === 1,
    limit,
    remaining: Math.max(0, limit - count),
    resetMs,
    store: "redis",
  });
  if (algorithm === "fixed-window") {
    const [allowed, count, ttl] = await fixedWindowScript(client, [key], [limit, windowMs]);
    return decided(allowed, count, ttl);
  }
  const [allowed, count, reset, member] = await slidingLogScript(
    client,
    [key],
    [limit, windowMs, nonce],
  );
  return { ...decided(allowed, count, reset), ...(member && { member }) };
}
