// The production server for a benchmark: `next start` of an existing build, on its own database
// and Redis DB, started fresh and killed (with everything it spawned) when done.
import { spawn, type ChildProcess } from "node:child_process";

export type ServerSettings = { port: number; distDir: string; env: Record<string, string> };

export async function startServer({ port, distDir, env }: ServerSettings): Promise<ChildProcess> {
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_MANUAL_SIG_HANDLE: "true",
      ...env,
    },
    stdio: ["ignore", "ignore", process.env.BENCH_SERVER_LOG ? "inherit" : "ignore"],
    detached: true,
  });
  for (let i = 0; i < 200; i++) {
    if (server.exitCode !== null) break;
    const up = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
    if (up) return server;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  stopServer(server);
  throw new Error(`the server on port ${port} did not start`);
}

/** SIGKILL, not SIGTERM: a server frozen by a request would not get to its shutdown handler. */
export function stopServer(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve();
    server.once("exit", () => resolve());
    process.kill(-server.pid!, "SIGKILL");
  });
}
