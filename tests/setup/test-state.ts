// The state every test run stands on: a migrated test database and the test Redis DBs.
// `npm test` starts from nothing (fresh: the database dropped and created again, the Redis DBs
// flushed), as on a new machine; a targeted run only makes sure the database is there.
import path from "node:path";
import Redis, { Cluster } from "ioredis";
import pg from "pg";
import { ensureDatabase, migrate } from "../../lib/platform/migrator";
import { parseClusterNodes } from "../../lib/redis/client";
import { assertTestDatabase, testRedisDbs, testSettings } from "../settings";

/** Drops a database whose name ends in `_test`, ending any connection to it. */
export async function dropTestDatabase(url: string): Promise<void> {
  assertTestDatabase(url);
  const admin = new URL(url);
  const name = decodeURIComponent(admin.pathname.slice(1));
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    // FORCE ends the connections a killed earlier run may have left behind.
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Creates (after dropping, when fresh) and migrates a database whose name ends in `_test`. */
export async function prepareTestDatabase(
  url = testSettings.TEST_DATABASE_URL,
  { fresh = false } = {},
): Promise<void> {
  assertTestDatabase(url);
  if (fresh) await dropTestDatabase(url);
  await ensureDatabase(url);
  await migrate(url, path.resolve("prisma/migrations"));
}

/**
 * Empties the test Redis DBs (TEST_REDIS_URL's and STATIC_CACHE_DB); never DB 0, the app's default.
 * Under `npm run test:cluster`, the Cluster it started for this run: every master.
 */
export async function flushTestRedis(): Promise<void> {
  if (testSettings.TEST_REDIS_CLUSTER_NODES) return flushTestCluster();
  const dbs = testRedisDbs();
  if (dbs.includes(0))
    throw new Error(
      "Refusing to flush Redis DB 0: give the tests DB indexes of their own (TEST_REDIS_URL, STATIC_CACHE_DB).",
    );
  for (const db of dbs) {
    const client = new Redis(testSettings.TEST_REDIS_URL, {
      db,
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    });
    try {
      await client.connect();
      await client.flushdb();
    } finally {
      client.disconnect();
    }
  }
}

// The Cluster belongs to the run that started it (scripts/test-cluster.sh): nothing else is on it.
async function flushTestCluster(): Promise<void> {
  const cluster = new Cluster(parseClusterNodes(testSettings.TEST_REDIS_CLUSTER_NODES), {
    lazyConnect: true,
    redisOptions: { maxRetriesPerRequest: 1 },
  });
  try {
    await cluster.connect();
    await Promise.all(cluster.nodes("master").map((node) => node.flushall()));
  } finally {
    cluster.disconnect();
  }
}
