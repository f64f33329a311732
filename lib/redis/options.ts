import type { ClusterOptions, RedisOptions } from "ioredis";

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

// A Cluster's own settings around each node's redisOptions(). Commands for a slot whose master has
// just failed are retried after a short pause while the replica is promoted (cluster-node-timeout
// plus an election, a few seconds), but each caller still gives up at its own command timeout and
// fails open; the slot map is refreshed as soon as a node answers MOVED or the connection drops.
export function clusterOptions(nodeOptions: RedisOptions): ClusterOptions {
  const { retryStrategy, enableAutoPipelining, ...perNode } = nodeOptions;
  return {
    redisOptions: perNode,
    enableAutoPipelining,
    clusterRetryStrategy: retryStrategy,
    scaleReads: "master",
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 200,
    retryDelayOnTryAgain: 100,
    maxRedirections: 16,
    slotsRefreshTimeout: 2_000,
  };
}
