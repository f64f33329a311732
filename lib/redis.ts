import "server-only";
import Redis, { type RedisOptions } from "ioredis";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { recordRedisCommand } from "@/lib/request-trace";

// Fail fast when Redis is away: ioredis would otherwise queue commands and retry them for a
// long time, holding requests open. The cache fails open to Postgres; sessions read as signed out.
export function redisOptions(): RedisOptions {
  return {
    maxRetriesPerRequest: 1,
    commandTimeout: env().REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    enableAutoPipelining: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  };
}

const globalForRedis = globalThis as unknown as { redis?: Redis };

function createRedis(): Redis {
  const client = counted(new Redis(env().REDIS_URL, redisOptions()));
  let down = false;
  client.on("error", (error) => {
    if (down) return;
    down = true;
    logger.warn("redis unavailable", { url: redactUrl(env().REDIS_URL), error: error.message });
  });
  client.on("ready", () => {
    if (down) logger.info("redis available again");
    down = false;
  });
  return client;
}

// Every command goes through sendCommand: counting there gives each request's Redis cost.
export function counted(client: Redis): Redis {
  const send = client.sendCommand.bind(client);
  client.sendCommand = (...args: Parameters<Redis["sendCommand"]>) => {
    recordRedisCommand();
    return send(...args);
  };
  return client;
}

export function redis(): Redis {
  globalForRedis.redis ??= createRedis();
  return globalForRedis.redis;
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, "//***@");
}
