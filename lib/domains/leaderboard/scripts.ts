import { luaScript } from "@/lib/redis";

// Adds to a member's score only while the set exists. A set that Redis lost stays missing, rather
// than coming back holding the few authors viewed since, until a reader rebuilds it whole.
// KEYS: sorted set. ARGV: increment, member. → the new score, or nil when the set is missing.
export const incrementIfPresentScript = luaScript<string | null>(
  `
  if redis.call('EXISTS', KEYS[1]) == 0 then return false end
  return redis.call('ZINCRBY', KEYS[1], ARGV[1], ARGV[2])
  `,
);
