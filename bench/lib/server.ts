// Starting and stopping the blog as `npm start` runs it, for the HTTP benchmarks: through
// scripts/app-server.ts (the one place that knows the start command), each server on a free
// port, used once its own process answers, stopped until it has exited.
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { AppServer, freePort, type StartCommand } from "../../scripts/app-server";

export interface RunningServer {
  origin: string;
  /** SIGTERM lets it finish its work; SIGKILL ends a server whose event loop is stuck. */
  stop: (signal?: "SIGTERM" | "SIGKILL") => Promise<void>;
}

/**
 * Starts the server (`npm start`'s, unless `start` says another) and waits until /api/health
 * answers 200; fails with its log's end if it exits.
 */
export async function startServer(
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
  start?: (port: number) => StartCommand,
): Promise<RunningServer> {
  mkdirSync("reports", { recursive: true });
  const port = await freePort();
  const server = new AppServer({
    port,
    env,
    logFile: `reports/bench-app-${port}.log`,
    startTimeoutMs: timeoutMs,
    start: start?.(port),
  });
  await server.start();
  return { origin: server.origin, stop: (signal = "SIGTERM") => server.stop(signal) };
}

/**
 * bench/bare-page-server.ts in a process of its own, serving the pages that a server of the
 * build in `distDir` stored in `redisUrl`'s page cache; started and stopped as the blog is.
 */
export async function startBarePageServer(
  distDir: string,
  redisUrl: string,
): Promise<RunningServer> {
  const buildId = readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim();
  return startServer(process.env, 30_000, (port) => ({
    command: process.execPath,
    args: ["--import", "tsx", "bench/bare-page-server.ts"],
    env: { NODE_ENV: "production", PORT: String(port), REDIS_URL: redisUrl, BUILD_ID: buildId },
  }));
}

/** GETs a URL, failing with the URL and the cause (refused, reset...) or the status when not a 2xx. */
export async function fetchOk(url: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    throw new Error(`GET ${url} failed: ${cause?.message ?? (error as Error).message}`);
  }
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response;
}
