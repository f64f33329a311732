// Runs `work` while the app's Redis command client (redis() of lib/redis.ts) is cut off: the
// client is disconnected, so every command anyone sends on it fails at once as a lost connection,
// as in an outage. The client stays the one object every module holds, so nothing made during
// the outage (a cache bound on first use, a duplicate for another DB) keeps a dead client: once
// `work` settles the client is connected again and answering, before the next test runs.
// What the outage itself left behind is as it would be in production: a cache breaker that
// opened skips Redis until its cool-down has passed. The shared test Redis is never touched.
import { once } from "node:events";
import { redis } from "@/lib/platform/redis";

export async function withAppRedisDown<T>(work: () => Promise<T>): Promise<T> {
  const client = redis();
  if (client.status !== "ready") await once(client, "ready");
  const ended = once(client, "end");
  client.disconnect();
  await ended;
  try {
    return await work();
  } finally {
    const ready = once(client, "ready");
    await client.connect().catch(() => {});
    if (client.status !== "ready") await ready;
  }
}
