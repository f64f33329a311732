// A Postgres cluster of the benchmark's own (initdb in a temporary directory, on a free loopback
// port), which it may stop and start at will: the machine's Postgres on 5432 is shared and is
// never touched. We run as root, and Postgres refuses to, so every command runs as `postgres`.
import { execFile, execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../scripts/app-server";

const BIN = process.env.PG_BIN_DIR ?? "/usr/lib/postgresql/15/bin";

// Asynchronous, so the load the benchmark runs meanwhile keeps going while Postgres stops.
async function asPostgres(command: string, args: string[]): Promise<void> {
  const [file, argv] =
    process.getuid?.() === 0
      ? ["runuser", ["-u", "postgres", "--", path.join(BIN, command), ...args]]
      : [path.join(BIN, command), args];
  await promisify(execFile)(file, argv, { timeout: 60_000 });
}

export class PrivatePostgres {
  private dir = "";
  private port = 0;
  private running = false;

  /** A URL of the cluster's database `name` (created by the migrator's ensureDatabase). */
  url(name: string): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${name}`;
  }

  get dataDir(): string {
    return path.join(this.dir, "data");
  }

  async init(): Promise<void> {
    this.dir = mkdtempSync(path.join(tmpdir(), "bench-pg-"));
    if (process.getuid?.() === 0) {
      const { uid, gid } = userIds("postgres");
      chownSync(this.dir, uid, gid);
    }
    this.port = await freePort();
    await asPostgres("initdb", [
      "-D",
      this.dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
    ]);
    await this.start();
  }

  /** Starts the cluster and returns once it accepts connections (pg_ctl -w). */
  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await asPostgres("pg_ctl", [
      "-D",
      this.dataDir,
      "-o",
      options,
      "-l",
      path.join(this.dir, "postgres.log"),
      "-w",
      "start",
    ]);
    this.running = true;
  }

  /** `immediate` is a crash: no checkpoint, connections cut, recovery at the next start. */
  async stop(mode: "fast" | "immediate" = "fast"): Promise<void> {
    if (!this.running) return;
    await asPostgres("pg_ctl", ["-D", this.dataDir, "-m", mode, "-w", "stop"]);
    this.running = false;
  }

  /** Stops the cluster if it runs and deletes its files. Safe to call more than once. */
  async remove(): Promise<void> {
    if (!this.dir) return;
    try {
      await this.stop("immediate");
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
      this.dir = "";
    }
  }
}

function userIds(name: string): { uid: number; gid: number } {
  const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
  return { uid, gid };
}
