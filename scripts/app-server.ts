// Starts and stops the built app as its own process, for the end-to-end tests and the
// benchmarks. `npm start`'s command is here and nowhere else (the image's is its Dockerfile's CMD).
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

/** How a process is started: what, with which arguments, and where, as whom. */
export type StartCommand = {
  command: string;
  args: string[];
  /** Added to the options' env. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
};

/** How a built app (`npm run build`) is started, as `npm start` does (server.ts), on `port`. */
function appStartCommand(port: number): StartCommand {
  return {
    command: process.execPath,
    args: ["dist/server.mjs"],
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      MALLOC_ARENA_MAX: "2",
    },
  };
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const tail = (file: string) => readFileSync(file, "utf8").split("\n").slice(-20).join("\n");

export type AppServerOptions = {
  port: number;
  env: NodeJS.ProcessEnv;
  /** The server's stdout and stderr go here, and its last lines into any start-up error. */
  logFile: string;
  /** An upper bound for a cold start on a busy machine, not a wait: start() returns as soon as the app answers. */
  startTimeoutMs?: number;
  /** Instead of `npm start`'s command: the image's CMD (tests/e2e/image.spec.ts). */
  start?: StartCommand;
};

/** One app process. start() resolves once this process (not another on the port) answers /api/health with 200. */
export class AppServer {
  private child: ChildProcess | undefined;
  constructor(private readonly options: AppServerOptions) {}

  get origin(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  async start(): Promise<void> {
    const { port, env, logFile, startTimeoutMs = 90_000 } = this.options;
    const start = this.options.start ?? appStartCommand(port);
    const log = openSync(logFile, "a");
    // Its own process group, so stop() ends the server and anything it started.
    const child = spawn(start.command, start.args, {
      env: { ...env, ...start.env },
      cwd: start.cwd,
      uid: start.uid,
      gid: start.gid,
      stdio: ["ignore", log, log],
      detached: true,
    });
    closeSync(log);
    this.child = child;
    const exited = once(child, "exit").then(([code, signal]) => ({ code, signal }));
    const deadline = Date.now() + startTimeoutMs;
    let last = "no answer yet";
    while (Date.now() < deadline) {
      const answer = await Promise.race([
        fetch(`${this.origin}/api/health`).then(
          (r) => `HTTP ${r.status}`,
          (e: Error) => `${e.message} (${(e.cause as Error)?.message ?? "no cause"})`,
        ),
        exited.then(({ code, signal }) => ({ code, signal })),
      ]);
      if (typeof answer !== "string") {
        this.child = undefined;
        throw new Error(
          `the app on port ${port} exited (code ${answer.code}, signal ${answer.signal}) before answering; ${logFile} ends:\n${tail(logFile)}`,
        );
      }
      if (answer === "HTTP 200") return;
      last = answer;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await this.stop();
    throw new Error(
      `the app on port ${port} did not answer /api/health within ${startTimeoutMs} ms (last: ${last}); ${logFile} ends:\n${tail(logFile)}`,
    );
  }

  /** Ends the process group (SIGTERM: a graceful shutdown that flushes views; SIGKILL: a crash) and waits for its exit. */
  async stop(signal: "SIGTERM" | "SIGKILL" = "SIGKILL"): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exit = once(child, "exit");
    const pid = child.pid;
    const kill = (how: NodeJS.Signals) => {
      try {
        process.kill(-pid, how);
      } catch {
        // already gone
      }
    };
    kill(signal);
    // A graceful stop flushes views within 5 s (lib/domains/view-counts/sweep.ts); one that hangs is killed.
    const hung = setTimeout(() => kill("SIGKILL"), 15_000);
    await exit;
    clearTimeout(hung);
  }
}
