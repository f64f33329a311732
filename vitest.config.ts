import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)).replace(/\/$/, ""),
      // "server-only" throws outside React Server Components; tests import server modules directly.
      "server-only": fileURLToPath(new URL("tests/setup/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/test-env.ts"],
    // Integration tests share one Postgres database and one Redis DB index.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // expect.poll waits for a state; on a busy machine that can take longer than its default 1 s.
    expect: { poll: { timeout: 10_000, interval: 20 } },
  },
});
