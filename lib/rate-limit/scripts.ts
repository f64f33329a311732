import { luaScript } from "@/lib/redis";

// Each decision is one script, so concurrent requests cannot both read "9" and both pass a limit
// of 10, and a counter never exists without its expiry. Both keep at most `limit` hits: refused
// requests do not count, as in the tutorial.

// KEYS[1] the window's counter; ARGV limit, window (ms). Returns { allowed, count, ms to reset }.
export const fixedWindowScript = luaScript<[number, number, number]>(
  `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local count = tonumber(redis.call('GET', KEYS[1]) or '0')
local allowed = 0
if count < limit then
  count = redis.call('INCR', KEYS[1])
  if count == 1 then redis.call('PEXPIRE', KEYS[1], window) end
  allowed = 1
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  -- a counter left without an expiry (written by hand, or by an older version) would block forever
  redis.call('PEXPIRE', KEYS[1], window)
  ttl = window
end
return { allowed, count, ttl }
`,
);

// KEYS[1] the log; ARGV limit, window (ms), a random nonce. Scores are Redis' own clock, so app
// servers with skewed clocks agree; members are "<ms>-<nonce>", unique even for two hits in the
// same millisecond (a member that is only a timestamp would collapse them into one).
// Returns { allowed, count, ms until the oldest hit leaves the window, member or "" }.
export const slidingLogScript = luaScript<[number, number, number, string]>(
  `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local member = ''
if count < limit then
  member = string.format('%d-%s', now, ARGV[3])
  redis.call('ZADD', KEYS[1], now, member)
  redis.call('PEXPIRE', KEYS[1], window)
  count = count + 1
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local reset = window
if oldest[2] then reset = tonumber(oldest[2]) + window - now end
return { member ~= '' and 1 or 0, count, reset, member }
`,
);
