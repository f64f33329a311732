// A site of this test file's own, new and empty: a freshly migrated database and a private
// redis-server. For tests about state that the whole app shares (the leaderboard's one sorted
// set), which must start from a known state and must not disturb other files.
// Import it first, before any module of the app: it points DATABASE_URL and REDIS_URL there.
import { afterAll } from "vitest";
import { testSettings } from "../settings";
import { dropTestDatabase, prepareTestDatabase } from "../setup/test-state";
import { PrivateRedis } from "./private-redis";

export async function ownSite(label: string): Promise<{ databaseUrl: string; redisUrl: string }> {
  const url = new URL(testSettings.TEST_DATABASE_URL);
  url.pathname = url.pathname.replace(/_test$/, `_${label}_test`);
  const databaseUrl = url.toString();
  const redisServer = new PrivateRedis();
  await Promise.all([prepareTestDatabase(databaseUrl, { fresh: true }), redisServer.start()]);
  process.env.DATABASE_URL = databaseUrl;
  process.env.REDIS_URL = `${redisServer.url}/0`;
  // Under `npm run test:cluster` too: the site's own Redis is this one server, not the Cluster
  // (tests/setup/test-env.ts sets the next file's variables again).
  delete process.env.REDIS_CLUSTER_NODES;
  afterAll(async () => {
    // The app's connections first, or dropping the database would break them under its pool.
    const { db } = await import("@/lib/platform/db");
    const { redis } = await import("@/lib/platform/redis");
    await db.$disconnect();
    redis().disconnect();
    await redisServer.stop();
    await dropTestDatabase(databaseUrl);
  });
  return { databaseUrl, redisUrl: process.env.REDIS_URL };
}
