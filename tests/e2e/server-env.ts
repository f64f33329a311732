import { appTestEnv, TEST_CACHE_COMMAND_TIMEOUT_MS, testSettings } from "../settings";

/** The environment of every app process the end-to-end tests start. */
export const e2eServerEnv = {
  ...appTestEnv,
  // The suite makes hundreds of anonymous API requests from 127.0.0.1: the API limit must not
  // throttle it (its own tests use small limits directly).
  RATE_LIMIT_API_PER_HOUR: "100000",
  // Every page shown sends its view request (POST /api/views), all from 127.0.0.1: the per-minute
  // view limit must not drop the counts the view tests assert.
  RATE_LIMIT_VIEWS_PER_MINUTE: "100000",
  RATE_LIMIT_VIEWS_PER_ADDRESS_PER_MINUTE: "100000",
  // Likewise every sign-in failure and sign-up of every run comes from 127.0.0.1 (the per-address
  // bounds are tested in tests/integration/rate-limit).
  SIGNIN_ADDRESS_MAX_FAILURES: "100000",
  RATE_LIMIT_SIGNUPS_PER_HOUR: "100000",
  // Room for every anonymous tab of the suite at once (all from 127.0.0.1), and a short wait
  // after a refusal, so security.spec.ts can fill the cap and watch the browser come back.
  SSE_MAX_PER_IDENTITY: "12",
  SSE_RETRY_AFTER_SECONDS: "2",
  // The sweep moves views short of the flush threshold to Postgres every VIEW_SWEEP_SECONDS. A
  // test of "9 views leave Postgres unchanged" takes 10 browsers, often longer than the default
  // 30 s on a busy machine: the sweep must not run in the middle (its own tests are integration tests).
  VIEW_SWEEP_SECONDS: "3600",
  CACHE_COMMAND_TIMEOUT_MS: String(TEST_CACHE_COMMAND_TIMEOUT_MS),
  // A request whose body never finishes is answered 408 after this (request-fuzz.spec.ts waits
  // for the answer); production's 30 s would make that one case the length of the whole spec.
  REQUEST_TIMEOUT_MS: "3000",
  NEXT_DIST_DIR: testSettings.NEXT_DIST_DIR,
  NEXT_CACHE_PROBES: testSettings.NEXT_CACHE_PROBES,
  NEXT_TELEMETRY_DISABLED: "1",
};

/**
 * The e2e environment with `env` on top. A process given a Redis of its own (REDIS_URL: a test
 * that stops or restarts it) uses that one, not the suite's Cluster under `npm run test:cluster`.
 */
export function serverEnvWith(env: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = { ...e2eServerEnv, ...env };
  if (env.REDIS_URL && !env.REDIS_CLUSTER_NODES) delete merged.REDIS_CLUSTER_NODES;
  return merged;
}
