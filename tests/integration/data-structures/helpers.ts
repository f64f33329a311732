// Runs `work` with the app's Redis command client (lib/redis/client.ts) pointed at an address where
// nothing listens: every module that calls redis() sees an outage, the shared test Redis is
// never touched. Caches already bound to the live client keep it.
import { once } from "node:events";
import { createServer } from "node:net";
import { redis as appRedis } from "@/lib/redis";
import { createClient } from "@/lib/redis/client";

export async function withAppRedisDown<T>(work: () => Promise<T>): Promise<T> {
  const spare = createServer().listen(0, "127.0.0.1");
  await once(spare, "listening");
  const { port } = spare.address() as { port: number };
  spare.close();
  // Where lib/remember.ts keeps the client that redis() returns.
  const globals = globalThis as unknown as Record<symbol, unknown>;
  const remembered = Symbol.for("blog:redis");
  const live = appRedis();
  const dead = createClient(`redis://127.0.0.1:${port}`, { lazyConnect: true });
  dead.on("error", () => {});
  globals[remembered] = dead;
  try {
    return await work();
  } finally {
    globals[remembered] = live;
    dead.disconnect();
  }
}
