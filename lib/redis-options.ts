import type { RedisOptions } from "ioredis";
import { env } from "@/lib/env";

// Fail fast when Redis is away: ioredis would otherwise queue commands and retry them for a
// long time, holding requests open. The cache fails open to Postgres; sessions read as signed out.
// Shared by the app's client (lib/redis.ts) and the page cache's in server.ts.
export function redisOptions(): RedisOptions {
  return {
    maxRetriesPerRequest: 1,
    commandTimeout: env().REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  };
}
