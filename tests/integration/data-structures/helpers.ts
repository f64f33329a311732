// Runs `work` with the app's Redis command client (lib/redis.ts) pointed at an address where
// nothing listens: every module that calls redis() sees an outage, the shared test Redis is
// never touched. Caches already bound to the live client keep it.
import { once } from "node:events";
import { createServer } from "node:net";
import Redis from "ioredis";
import { redis as appRedis, redisOptions } from "@/lib/redis";

export async function withAppRedisDown<T>(work: () => Promise<T>): Promise<T> {
  const spare = createServer().listen(0, "127.0.0.1");
  await once(spare, "listening");
  const { port } = spare.address() as { port: number };
  spare.close();
  const globals = globalThis as unknown as { redis?: Redis };
  const live = appRedis();
  const dead = new Redis({ ...redisOptions(), host: "127.0.0.1", port, lazyConnect: true });
  dead.on("error", () => {});
  globals.redis = dead;
  try {
    return await work();
  } finally {
    globals.redis = live;
    dead.disconnect();
  }
}
