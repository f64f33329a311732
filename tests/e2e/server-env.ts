import { appTestEnv, testSettings } from "../settings";

/** The environment of every app process the end-to-end tests start. */
export const e2eServerEnv = {
  ...appTestEnv,
  // The suite makes hundreds of anonymous API requests from 127.0.0.1: the API limit must not
  // throttle it (its own tests use small limits directly).
  RATE_LIMIT_API_PER_HOUR: "100000",
  NEXT_DIST_DIR: testSettings.NEXT_DIST_DIR,
  NEXT_TELEMETRY_DISABLED: "1",
};
