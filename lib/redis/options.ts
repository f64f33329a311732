import type { RedisOptions } from "ioredis";

// Fail fast when Redis is away: ioredis would otherwise queue commands and retry them for a
// long time, holding requests open. The cache fails open to Postgres; sessions read as signed out.
// Shared by every client made with lib/redis/client.ts: the app's (lib/platform/redis.ts) and
// the page cache's in server.ts.
//
// The two timeouts, and why there are two:
// - REDIS_COMMAND_TIMEOUT_MS (500 ms): the client's own limit on every command, whoever sends it
//   (sessions, the limiter, the view counter, the leaderboard). It is a backstop for callers that
//   need an answer: long enough that a busy Redis is not taken for a dead one. lib/redis/client.ts
//   applies it (not ioredis' commandTimeout) so that a timed-out command is a RedisTimeoutError.
// - CACHE_COMMAND_TIMEOUT_MS (100 ms): the breaker's budget (lib/redis/breaker.ts) for a cache
//   command. A cache that answers later than a Postgres query would is worth nothing, so the
//   caller gives up sooner and serves without it. It must stay below the client's limit.
export function redisOptions(): RedisOptions {
  return {
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  };
}
