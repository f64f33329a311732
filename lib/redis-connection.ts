// The app's one ioredis client. Free of "server-only" so that Next's cache handlers, which Node
// loads by path outside the app's bundle (lib/next-cache/handlers/), share it; app code imports
// it through lib/redis.ts.
import Redis from "ioredis";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { redisOptions } from "@/lib/redis-options";
import { recordRedisCommand } from "@/lib/request-trace";

export { redisOptions };

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
