import { EnvError, env } from "@/lib/platform/env";
import { startTelemetry } from "@/lib/platform/telemetry";

// Refuse to start, with a plain message, when the configuration is wrong, rather than failing
// on the first request.
try {
  // Traces, when an OTLP endpoint is set (server.ts has started them already under `npm start`).
  startTelemetry(env());
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(
    `\nThe blog cannot start.\n${error.message}\nSet them in .env (see .env.example) or in the environment.\n`,
  );
  process.exit(1);
}

// Background work of a running server: warm the cache once, flush view counters periodically,
// and flush them all on shutdown.
const { warmInBackground } = await import("@/lib/blog/warm");
const { flushViewsOnShutdown, startViewSweeper } = await import("@/lib/domains/view-counts/sweep");
warmInBackground();
startViewSweeper();
flushViewsOnShutdown();
(await import("@/lib/admin/sampler")).startCacheSampler(); // the admin page's chart: one sample a minute
