import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
export const testEnv = {
  DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/blog_test",
  REDIS_URL: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/15",
  STATIC_CACHE_DB: process.env.STATIC_CACHE_DB ?? "14",
  REALTIME_CHANNEL_PREFIX: process.env.REALTIME_CHANNEL_PREFIX ?? "e2e-events",
  SESSION_SECRET: "e2e-session-secret-that-is-at-least-32-chars",
  // The suite makes hundreds of anonymous API requests from 127.0.0.1: the API limit must not
  // throttle it (its own tests use small limits directly).
  RATE_LIMIT_API_PER_HOUR: "100000",
  NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next-test",
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_ENV: "production" as const,
  HOSTNAME: "127.0.0.1",
};

/** How the end-to-end tests start the app: what `npm start` runs (server.ts, built by `npm run build`). */
export const serverCommand = ["dist/server.mjs"];

// Debian's Chromium, not a downloaded browser build (none can be downloaded here).
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [["list"], ["json", { outputFile: "reports/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  webServer: {
    command: `node ${serverCommand.join(" ")}`,
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: { ...testEnv, PORT: String(port) },
    stdout: "ignore",
    stderr: "pipe",
  },
});
