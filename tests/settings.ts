// Every setting of the test suite, in one place: vitest's setup, Playwright's config and
// scripts/test.sh (through `npx tsx tests/settings.ts`) read them from here. Each one can be
// overridden by the environment variable of the same name, so that several checkouts can test
// side by side on one machine, each with its own database, Redis DBs, port and channels.
import { pathToFileURL } from "node:url";

const env = process.env;

export const testSettings = {
  /** Created afresh by `npm test`; its name must end in `_test`. */
  TEST_DATABASE_URL: env.TEST_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/blog_test",
  /** Flushed by `npm test`: a DB index of its own. */
  TEST_REDIS_URL: env.TEST_REDIS_URL || "redis://127.0.0.1:6379/15",
  /** The static-page cache's DB index on the same Redis server; flushed by `npm test` too. */
  STATIC_CACHE_DB: env.STATIC_CACHE_DB || "14",
  /** Where Playwright's app server listens. */
  E2E_PORT: env.E2E_PORT || "3100",
  /** Pub/sub channels are server-wide, not per DB index: a prefix of its own. */
  REALTIME_CHANNEL_PREFIX: env.REALTIME_CHANNEL_PREFIX || "test-events",
  /**
   * Set by `npm run test:cluster` (scripts/test-cluster.sh) to its Redis Cluster's nodes
   * (`host:port,…`): the app's clients and the tests' own are then Cluster clients, and
   * TEST_REDIS_URL is not used. Empty: the single test Redis.
   */
  TEST_REDIS_CLUSTER_NODES: env.TEST_REDIS_CLUSTER_NODES || "",
  /** The production build the e2e server runs. */
  NEXT_DIST_DIR: env.NEXT_DIST_DIR || ".next-test",
  /** That build, and its servers, have the probes of Next's own cache calls (next.config.js). */
  NEXT_CACHE_PROBES: "1",
};

/** The app's own variables (lib/platform/env.ts) in a test process: a vitest worker or the e2e server. */
export const appTestEnv = {
  DATABASE_URL: testSettings.TEST_DATABASE_URL,
  REDIS_URL: testSettings.TEST_REDIS_URL,
  STATIC_CACHE_DB: testSettings.STATIC_CACHE_DB,
  REALTIME_CHANNEL_PREFIX: testSettings.REALTIME_CHANNEL_PREFIX,
  ...(testSettings.TEST_REDIS_CLUSTER_NODES
    ? { REDIS_CLUSTER_NODES: testSettings.TEST_REDIS_CLUSTER_NODES }
    : {}),
  SESSION_SECRET: "test-session-secret-that-is-at-least-32-chars",
  /** scrypt at N=2^12 instead of production's 2^17: the suites hash hundreds of passwords. */
  PASSWORD_SCRYPT_LOG2_N: env.PASSWORD_SCRYPT_LOG2_N || "12",
  /**
   * Tests read a change's effects as soon as the write returns. Production's 1 s is ample for an
   * write's follow-up on a healthy Redis, but not always on a test machine busy with a build; the
   * wait itself is tested with its own, shorter value (after-write.test.ts).
   */
  AFTER_WRITE_WAIT_MS: env.AFTER_WRITE_WAIT_MS || "10000",
};

/**
 * The cache library's Redis command timeout in vitest: the app's CACHE_COMMAND_TIMEOUT_MS, and
 * `patient` (tests/helpers/redis.ts) for the caches and stores a test makes itself. Production's
 * 100 ms bounds how long a slow Redis may delay a page; on a test machine busy with a build or
 * another suite an answer can take longer, and a HIT would then fail open into a MISS. Tests
 * about timeouts pass their own, shorter ones. The e2e server gets it too: its browsers, the
 * server and Redis share the machine's cores, and a GET held past 100 ms makes a stored page a MISS.
 */
export const TEST_CACHE_COMMAND_TIMEOUT_MS = 2000;

/** The app's variables in a vitest worker. */
export const vitestAppEnv = {
  ...appTestEnv,
  CACHE_COMMAND_TIMEOUT_MS: String(TEST_CACHE_COMMAND_TIMEOUT_MS),
};

/** Throws unless the database's name ends in `_test`: tests drop and fill it. */
export function assertTestDatabase(url: string): void {
  if (!new URL(url).pathname.endsWith("_test")) {
    throw new Error(
      `Refusing to test against ${url.replace(/\/\/([^@/]*)@/, "//***@")}: its name must end in _test.`,
    );
  }
}

/** The DB indexes that tests own on the test Redis server: the one in TEST_REDIS_URL and STATIC_CACHE_DB. */
export function testRedisDbs(): number[] {
  const db = Number(new URL(testSettings.TEST_REDIS_URL).pathname.slice(1) || 0);
  return [...new Set([db, Number(testSettings.STATIC_CACHE_DB)])];
}

// `eval "$(npx tsx tests/settings.ts)"` in scripts/test.sh: the same values as shell exports.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  for (const [name, value] of Object.entries(testSettings))
    console.log(`export ${name}=${quote(value)}`);
}
