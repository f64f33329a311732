// A redis-server of a test's own on a free loopback port, keeping nothing on disk, that the test
// may stop (SIGKILL, like a crash) and start again; the shared Redis is never touched.
// start() returns once the server answers PING, stop() once the process has exited.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { Redis } from "ioredis";
import { freePort } from "../../scripts/app-server";

export class PrivateRedis {
  private child: ChildProcess | undefined;
  port = 0;

  /** `args`: more redis-server options, e.g. ["--rename-command", "CLIENT", ""]. */
  constructor(private readonly args: string[] = []) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const child = spawn(
      "redis-server",
      [
        ...["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        ...this.args,
      ],
      {
        stdio: "ignore",
      },
    );
    this.child = child;
    const exited = once(child, "exit");
    const probe = new Redis({
      port: this.port,
      host: "127.0.0.1",
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on("error", () => {});
    try {
      for (;;) {
        const answer = await Promise.race([
          probe
            .connect()
            .then(() => probe.ping())
            .catch(() => null),
          exited.then(() => "exited"),
        ]);
        if (answer === "PONG") return;
        if (answer === "exited")
          throw new Error(`redis-server exited at start on port ${this.port}`);
        probe.disconnect();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      probe.disconnect();
    }
  }

  /** Freezes the server (SIGSTOP): connections stay open and nothing is answered until resume(). */
  pause(): void {
    this.child?.kill("SIGSTOP");
  }

  resume(): void {
    this.child?.kill("SIGCONT");
  }

  async ensureRunning(): Promise<void> {
    if (!this.child) await this.start();
  }

  /** SIGKILL by default, like a crash; SIGTERM lets Redis write its append-only file first. */
  async stop(signal: "SIGKILL" | "SIGTERM" = "SIGKILL"): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (
      !child ||
      child.exitCode !== null ||
      (child.signalCode !== null && child.signalCode !== "SIGSTOP")
    )
      return;
    const exit = once(child, "exit");
    child.kill(signal);
    await exit;
  }
}
