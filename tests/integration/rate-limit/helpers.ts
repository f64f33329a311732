// Shared by the rate-limit integration tests: limiters on the test Redis under a random key
// prefix per file, and a logger that records what the limiter reports (message and fields).

import { randomBytes } from "node:crypto";
import { afterAll, afterEach } from "vitest";
import { createRateLimiter, type RateLimiterOptions } from "@/lib/rate-limit/limiter";
import type { RateLimitPolicy } from "@/lib/rate-limit/policy";
import type { RedisClient } from "@/lib/redis/client";
import { deleteNamespace, testRedis } from "../../helpers/redis";

export const testPrefix = () => `test:rl:${randomBytes(4).toString("hex")}`;

/** The test Redis and a key prefix of this file's own, whose keys are deleted after each test. */
export function prefixPerTest(): { redis: RedisClient; prefix: string } {
  const redis = testRedis();
  const prefix = testPrefix();
  afterEach(() => deleteNamespace(redis, prefix));
  afterAll(() => redis.quit());
  return { redis, prefix };
}

/** The search limit's algorithm: 10 a minute in fixed windows. */
export const tenPerMinute: RateLimitPolicy = {
  name: "search",
  algorithm: "fixed-window",
  limit: 10,
  windowMs: 60_000,
};

/** The API limit's algorithm: 10 an hour, a sliding log. */
export const tenPerHour: RateLimitPolicy = {
  name: "api",
  algorithm: "sliding-log",
  limit: 10,
  windowMs: 3_600_000,
};

export function recordingLogger() {
  const messages: { message: string; fields?: Record<string, unknown> }[] = [];
  return {
    messages,
    warn: (message: string, fields?: Record<string, unknown>) =>
      void messages.push({ message, fields }),
  };
}

export function limiterOn(
  redis: RedisClient,
  policy: RateLimitPolicy,
  prefix: string,
  options: Partial<RateLimiterOptions> = {},
) {
  return createRateLimiter(policy, {
    redis: () => redis,
    logger: recordingLogger(),
    keyPrefix: prefix,
    ...options,
  });
}

export const times = <T>(n: number, make: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => make(i));
