import { appTestEnv, testSettings } from "../settings";

/** The environment of every app process the end-to-end tests start. */
export const e2eServerEnv = {
  ...appTestEnv,
  // The suite makes hundreds of anonymous API requests from 127.0.0.1: the API limit must not
  // throttle it (its own tests use small limits directly).
  RATE_LIMIT_API_PER_HOUR: "100000",
  // Every page shown sends its view request (POST /api/views), all from 127.0.0.1: the per-minute
  // view limit must not drop the counts the view tests assert.
  RATE_LIMIT_VIEWS_PER_MINUTE: "100000",
  // The sweep moves views short of the flush threshold to Postgres every VIEW_SWEEP_SECONDS. A
  // test of "9 views leave Postgres unchanged" takes 10 browsers, often longer than the default
  // 30 s on a busy machine: the sweep must not run in the middle (its own tests are integration tests).
  VIEW_SWEEP_SECONDS: "3600",
  NEXT_DIST_DIR: testSettings.NEXT_DIST_DIR,
  NEXT_TELEMETRY_DISABLED: "1",
};
