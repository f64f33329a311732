import { luaScript } from "@/lib/redis";

// A follow or unfollow changes a mirror only while it exists: a set Redis lost is rebuilt whole
// from Postgres by its next reader, rather than brought back holding one id.
// KEYS: set. ARGV: "add" | "remove", member, ttl. → 1 if changed, 0 if not, -1 if missing.
export const changeIfPresentScript = luaScript<number>(
  `
  if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
  local changed
  if ARGV[1] == 'add' then changed = redis.call('SADD', KEYS[1], ARGV[2]) else changed = redis.call('SREM', KEYS[1], ARGV[2]) end
  redis.call('EXPIRE', KEYS[1], ARGV[3])
  return changed
  `,
);

// KEYS: set. ARGV: member, or '' to count. → -1 if missing; else SISMEMBER (0/1) or SCARD less the placeholder.
export const readIfPresentScript = luaScript<number>(
  `
  if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
  if ARGV[1] == '' then return redis.call('SCARD', KEYS[1]) - 1 end
  return redis.call('SISMEMBER', KEYS[1], ARGV[1])
  `,
);
