import { luaScript } from "@/lib/redis";

// Both scripts change a stream only while it is built (its counts hash exists): a stream Redis
// lost stays missing, instead of coming back holding only what happened since, until a reader
// rebuilds it from Postgres, which already holds the change.

// KEYS: list, counts. ARGV: entry (JSON), type, max entries, ttl. → 1 if recorded, 0 if not built.
export const pushIfBuiltScript = luaScript<number>(
  `
  if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
  redis.call('LPUSH', KEYS[1], ARGV[1])
  redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[3]) - 1)
  redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
  redis.call('EXPIRE', KEYS[1], ARGV[4])
  redis.call('EXPIRE', KEYS[2], ARGV[4])
  return 1
  `,
);

// Takes back the entries whose JSON contains ARGV[1] (the entry's `"ref":"..."`, quotes included,
// so followed:1 never matches followed:12) and lowers the type's count, even when the entry has
// already been trimmed away. KEYS: list, counts. ARGV: needle, type. → entries removed.
export const removeIfBuiltScript = luaScript<number>(
  `
  if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
  local removed = 0
  for _, entry in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
    if string.find(entry, ARGV[1], 1, true) then removed = removed + redis.call('LREM', KEYS[1], 1, entry) end
  end
  if tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0') > 0 then redis.call('HINCRBY', KEYS[2], ARGV[2], -1) end
  return removed
  `,
);

// Drops a stream so that its next reader rebuilds it from Postgres, and bumps its generation so
// that a rebuild already under way does not write back what it read before the change.
// KEYS: list, counts, generation. ARGV: ttl of the generation key.
export const dropStreamScript = luaScript<number>(
  `
  redis.call('INCR', KEYS[3])
  redis.call('EXPIRE', KEYS[3], ARGV[1])
  return redis.call('DEL', KEYS[1], KEYS[2])
  `,
);

// Writes a rebuilt stream whole, only if the generation is still the one read before Postgres
// was. KEYS: list, counts, generation. ARGV: generation seen ("" for none), ttl, then the counts
// as type/number pairs up to the "--" marker, then the entries (JSON, at most MAX_ENTRIES).
// → 1 written, 0 refused.
export const writeStreamIfCurrentScript = luaScript<number>(
  `
  if (redis.call('GET', KEYS[3]) or '') ~= ARGV[1] then return 0 end
  redis.call('DEL', KEYS[1], KEYS[2])
  local i = 3
  while ARGV[i] ~= '--' do
    redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
    i = i + 2
  end
  if #ARGV > i then redis.call('RPUSH', KEYS[1], unpack(ARGV, i + 1)) end
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  redis.call('EXPIRE', KEYS[2], ARGV[2])
  return 1
  `,
);
