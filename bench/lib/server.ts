// Starting and stopping the blog as `npm start` runs it, for the HTTP benchmarks: through
// scripts/app-server.ts (the one place that knows the start command), each server on a free
// port, used once its own process answers, stopped until it has exited.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { AppServer, freePort } from "../../scripts/app-server";

export interface RunningServer {
  origin: string;
  /** SIGTERM lets it finish its work; SIGKILL ends a server whose event loop is stuck. */
  stop: (signal?: "SIGTERM" | "SIGKILL") => Promise<void>;
}

/** Starts the server and waits until /api/health answers 200; fails with its log's end if it exits. */
export async function startServer(
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<RunningServer> {
  mkdirSync("reports", { recursive: true });
  const port = await freePort();
  const server = new AppServer({
    port,
    env,
    logFile: `reports/bench-app-${port}.log`,
    startTimeoutMs: timeoutMs,
  });
  await server.start();
  return { origin: server.origin, stop: (signal = "SIGTERM") => server.stop(signal) };
}

/**
 * bench/bare-page-server.ts in a process of its own, serving the pages that a server of the
 * build in `distDir` stored in `redisUrl`'s page cache; started once it answers.
 */
export async function startBarePageServer(
  distDir: string,
  redisUrl: string,
): Promise<RunningServer> {
  const port = await freePort();
  const buildId = readFileSync(path.join(distDir, "BUILD_ID"), "utf8").trim();
  const child = spawn(process.execPath, ["--import", "tsx", "bench/bare-page-server.ts"], {
    env: { ...process.env, PORT: String(port), REDIS_URL: redisUrl, BUILD_ID: buildId },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const origin = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`the bare page server exited (${child.exitCode})`);
    const answered = await fetch(`${origin}/`).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (tries > 100) throw new Error("the bare page server did not answer in 10 s");
    await sleep(100);
  }
  return {
    origin,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null) child.kill(signal);
      await exited;
    },
  };
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
