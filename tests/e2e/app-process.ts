import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { expect } from "@playwright/test";
import { serverCommand, testEnv } from "../../playwright.config";

// A second app process: the same build, started on a port of its own with its own settings,
// that a test can stop (SIGKILL, like a crash) and start again.
export class AppProcess {
  private child: ChildProcess | undefined;
  constructor(
    readonly port: number,
    private readonly env: Record<string, string> = {},
  ) {}

  get origin() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    this.child = spawn(process.execPath, serverCommand, {
      env: { ...process.env, ...testEnv, PORT: String(this.port), ...this.env },
      stdio: "ignore",
      detached: true,
    });
    await expect
      .poll(async () => (await fetch(`${this.origin}/api/health`).catch(() => null))?.status, { timeout: 60_000 })
      .toBe(200);
  }

  async stop() {
    const child = this.child;
    this.child = undefined;
    if (!child?.pid || child.exitCode !== null) return;
    process.kill(-child.pid, "SIGKILL");
    await once(child, "exit");
  }
}

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** A redis-server of the test's own, keeping nothing on disk, that it may kill. */
export class PrivateRedis {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}

  async start() {
    this.child = spawn("redis-server", ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: "ignore",
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
  }

  async stop() {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    child.kill("SIGKILL");
    await once(child, "exit");
  }
}
