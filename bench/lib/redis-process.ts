// A redis-server of the benchmark's own, on a free loopback port that stays the same across
// restarts (so the app reconnects to it), with DEBUG enabled for `DEBUG SLEEP` and nothing kept on
// disk: a kill loses everything, as a crashed cache does. The machine's Redis on 6379 is shared
// and is never touched.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { Redis } from "ioredis";
import { freePort } from "../../scripts/app-server";

export class RedisProcess {
  private child: ChildProcess | undefined;
  private port = 0;

  /** `args`: more redis-server options, e.g. ["--maxmemory", "4mb"] for a cache role. */
  constructor(private readonly args: string[] = []) {}

  /** The URL of DB `db` of this server. */
  url(db: number): string {
    return `redis://127.0.0.1:${this.port}/${db}`;
  }

  /** The app's settings for this server: DB 0, and DB 1 for the static cache. */
  appEnv(): Record<string, string> {
    return { REDIS_URL: this.url(0), STATIC_CACHE_DB: "1" };
  }

  /** Resolves when the server logs that it accepts connections; rejects if it exits first. */
  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const args = ["--port", String(this.port), "--bind", "127.0.0.1", "--save", ""];
    const child = spawn(
      "redis-server",
      [...args, "--enable-debug-command", "local", ...this.args],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    this.child = child;
    let log = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes("Ready to accept connections")) resolve();
      });
      child.once("exit", (code) =>
        reject(new Error(`redis-server on ${this.port} exited (${code}) at start:\n${log}`)),
      );
    });
    child.stdout?.resume();
  }

  /** SIGKILL, like a crash: every key is gone. Resolves once the process has exited. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGKILL");
    await exited;
  }

  /** A command on a connection of its own (CLIENT PAUSE, DEBUG SLEEP, FLUSHALL of this server). */
  async command(name: string, ...args: (string | number)[]): Promise<unknown> {
    const client = new Redis(this.url(0), { maxRetriesPerRequest: 0, lazyConnect: true });
    client.on("error", () => {});
    try {
      await client.connect();
      return await client.call(name, ...args);
    } finally {
      client.disconnect();
    }
  }
}
