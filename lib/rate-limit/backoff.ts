import type { WarnLogger } from "@/lib/redis";
import { luaScript } from "@/lib/redis";
import type { RedisClient } from "@/lib/redis/client";
import { BackoffMemoryStore } from "./backoff-memory-store";
import { limiterBreaker } from "./fail-open";
import type { RateLimiter } from "./limiter";
import type { Attempted, BackoffPolicy, Decision } from "./policy";

// Exponential backoff per identity instead of a lockout: the first `limit` failures are free,
// then each one makes the next attempt wait twice as long, from `baseDelayMs` up to
// `maxDelayMs`. Someone guessing at an account from many addresses gets one guess per
// `maxDelayMs` at most; its owner waits at most that long, never a whole window. The count is
// forgotten `windowMs` after the last failure. Each attempt counts as a failure before the
// password is checked (so parallel guesses cannot all pass), and `undo` takes it back.

// KEYS[1] a hash { failures, next }; ARGV free failures, base ms, max ms, window ms.
// Returns Attempted (./policy.ts).
const attemptScript = luaScript<Attempted>(`
local free, base, max, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local failures = tonumber(redis.call('HGET', KEYS[1], 'failures') or '0')
local nextAt = tonumber(redis.call('HGET', KEYS[1], 'next') or '0')
if now < nextAt then return { 0, nextAt - now, failures, nextAt } end
failures = failures + 1
local delay = 0
if failures > free then delay = math.min(max, base * 2 ^ (failures - free - 1)) end
redis.call('HSET', KEYS[1], 'failures', failures, 'next', now + delay)
redis.call('PEXPIRE', KEYS[1], window + delay)
return { 1, delay, failures, now + delay }
`);

// Takes back one counted failure, unless a later attempt has moved `next` on since.
const undoScript = luaScript<number>(`
if redis.call('HGET', KEYS[1], 'next') ~= ARGV[1] then return 0 end
local failures = redis.call('HINCRBY', KEYS[1], 'failures', -1)
if failures <= 0 then redis.call('DEL', KEYS[1]) else redis.call('HSET', KEYS[1], 'next', ARGV[2]) end
return 1
`);

type Options = {
  redis: () => RedisClient;
  logger: WarnLogger;
  keyPrefix?: string;
  cooldownMs?: number;
  maxKeys?: number;
};

export function createBackoffLimiter(policy: BackoffPolicy, options: Options): RateLimiter {
  const { limit: free, baseDelayMs, maxDelayMs, windowMs } = policy;
  const { keyPrefix = "rl", cooldownMs = 5_000, maxKeys = 10_000 } = options;
  const memory = new BackoffMemoryStore(policy, maxKeys);
  const { breaker, answered } = limiterBreaker(policy.name, {
    logger: options.logger,
    cooldownMs,
    logIntervalMs: 60_000,
  });
  const keyOf = (identity: string) => `${keyPrefix}:${policy.name}:${identity}`;

  async function hit(identity: string): Promise<Decision> {
    const key = keyOf(identity);
    const answer = await breaker.run(() =>
      attemptScript(options.redis(), [key], [free, baseDelayMs, maxDelayMs, windowMs]),
    );
    if (answer.ok) answered();
    const [result, store]: [Attempted, Decision["store"]] = answer.ok
      ? [answer.value, "redis"]
      : [memory.attempt(key), "memory"];
    const [allowed, wait, failures, next] = result;
    // `member` carries what undo needs: the `next` this attempt set, and when it was made.
    const member = allowed === 1 ? `${next}:${next - wait}` : undefined;
    return {
      allowed: allowed === 1,
      limit: free,
      remaining: Math.max(0, free - failures),
      resetMs: allowed === 1 ? 0 : wait,
      store,
      member,
    };
  }

  async function undo(identity: string, decision: Decision): Promise<void> {
    if (!decision.allowed || !decision.member) return;
    // An attempt is only let through once the previous `next` has passed, so putting back the
    // attempt's own time allows the next one at once, as before it.
    const [next, now] = decision.member.split(":").map(Number);
    const key = keyOf(identity);
    if (decision.store === "memory") return memory.undo(key, next, now);
    await breaker.run(() => undoScript(options.redis(), [key], [String(next), String(now)]));
  }

  return { policy, hit, undo };
}
