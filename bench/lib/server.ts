// Starting and stopping the blog as `npm start` runs it (dist/server.mjs), for the HTTP benchmarks.
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";

export interface RunningServer {
  origin: string;
  /** SIGTERM lets it finish its work; SIGKILL ends a server whose event loop is stuck. */
  stop: (signal?: "SIGTERM" | "SIGKILL") => Promise<void>;
}

/** Starts the server and waits until /api/health answers 200; fails with its output if it exits. */
export async function startServer(port: number, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<RunningServer> {
  const child = spawn(process.execPath, ["dist/server.mjs"], { env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server on port ${port} exited (${child.exitCode}):\n${output}`);
    const status = await fetch(`${origin}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) return { origin, stop: (signal) => stop(child, signal) };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop(child);
  throw new Error(`the server on port ${port} did not answer /api/health with 200 within ${timeoutMs} ms:\n${output}`);
}

async function stop(child: ChildProcess, signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  process.kill(-child.pid!, signal);
  await exited;
}

/** GETs a URL, failing with the URL and status when the answer is not a 2xx. */
export async function fetchOk(url: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new Error(`GET ${url} failed: ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response;
}
