import { luaScript } from "@/lib/redis";

// One view: count it, keep the keys alive, and return what the page needs to show the live
// count (base + pending + in flight) in the same round trip.
// KEYS: pending, base, flushing. ARGV: ttl seconds. → [pending, base or nil, in-flight delta]
export const recordViewScript = luaScript<[number, string | null, string | null]>(
  `
  local pending = redis.call('INCR', KEYS[1])
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  redis.call('EXPIRE', KEYS[2], ARGV[1])
  return { pending, redis.call('GET', KEYS[2]), redis.call('HGET', KEYS[3], 'delta') }
  `,
);

// Moves the pending views into a batch with an id, unless a batch is already in flight (then
// that one is returned, to be retried: a batch is applied to Postgres at most once).
// KEYS: pending, flushing. ARGV: new batch id, ttl seconds. → [batch, delta] or nil
export const claimBatchScript = luaScript<[string, string] | null>(
  `
  local current = redis.call('HMGET', KEYS[2], 'batch', 'delta')
  if current[1] then return current end
  local delta = tonumber(redis.call('GET', KEYS[1]) or '0')
  if delta <= 0 then return nil end
  if redis.call('DECRBY', KEYS[1], delta) <= 0 then redis.call('DEL', KEYS[1]) end
  redis.call('HSET', KEYS[2], 'batch', ARGV[1], 'delta', delta)
  redis.call('EXPIRE', KEYS[2], ARGV[2])
  return { ARGV[1], tostring(delta) }
  `,
);

// The batch is in Postgres: forget it and raise the base to the count Postgres returned (never
// lower it: another process may already have stored a later count).
// KEYS: flushing, base. ARGV: batch id, count, ttl seconds.
export const finishBatchScript = luaScript<number>(
  `
  if redis.call('HGET', KEYS[1], 'batch') == ARGV[1] then redis.call('DEL', KEYS[1]) end
  local base = tonumber(redis.call('GET', KEYS[2]) or '-1')
  if tonumber(ARGV[2]) > base then redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3]) end
  return 1
  `,
);
