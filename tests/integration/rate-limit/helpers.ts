// Shared by the rate-limit integration tests: limiters on the test Redis under a random key
// prefix per file, and a logger that records what the limiter reports (message and fields).
import { randomBytes } from "node:crypto";
import type Redis from "ioredis";
import { createRateLimiter, type RateLimiterOptions } from "@/lib/rate-limit/limiter";
import type { RateLimitPolicy } from "@/lib/rate-limit/policy";

export const testPrefix = () => `test:rl:${randomBytes(4).toString("hex")}`;

export function recordingLogger() {
  const messages: { message: string; fields?: Record<string, unknown> }[] = [];
  return {
    messages,
    warn: (message: string, fields?: Record<string, unknown>) =>
      void messages.push({ message, fields }),
  };
}

export function limiterOn(
  redis: Redis,
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
