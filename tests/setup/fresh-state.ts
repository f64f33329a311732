// `npm test` runs this first: a new test database and empty test Redis DBs, as on a new machine.

import { testRedisDbs, testSettings } from "../settings";
import { flushTestRedis, prepareTestDatabase } from "./test-state";

try {
  await prepareTestDatabase(testSettings.TEST_DATABASE_URL, { fresh: true });
  await flushTestRedis();
  const name = new URL(testSettings.TEST_DATABASE_URL).pathname.slice(1);
  const redis = testSettings.TEST_REDIS_CLUSTER_NODES
    ? "the Redis Cluster"
    : `Redis DBs ${testRedisDbs().join(" and ")}`;
  console.log(`test: fresh database ${name}, ${redis} flushed`);
} catch (error) {
  console.error(`test: ${(error as Error).message}`);
  process.exit(1);
}
