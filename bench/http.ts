// HTTP benchmark: the blog under `next start`, once with caching on and once with it off
// (CACHE_ENABLED=false, Flask-Caching's NullCache), plus a trivial route as the framework's
// ceiling. Prints requests/s and p50/p99 latency, then the ratios, all measured in this run.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import autocannon from "autocannon";
import { printTable } from "./lib/measure";

if (existsSync(".env")) process.loadEnvFile(".env");

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DIST = ".next-bench";
const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/blog";
// Its own Redis DB, so the benchmark neither reads nor disturbs the development cache.
const redisUrl = (process.env.REDIS_URL ?? "redis://localhost:6379/0").replace(/\/\d*$/, "/13");

type Mode = "cache on" | "cache off";
type Row = { target: string; mode: Mode | "ceiling"; rps: number; p50: number; p99: number };

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}`))));
  });
}

const serverEnv = (cacheEnabled: boolean): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: "production",
  NEXT_DIST_DIR: DIST,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_MANUAL_SIG_HANDLE: "true",
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  STATIC_CACHE_DB: "12",
  SESSION_SECRET: process.env.SESSION_SECRET ?? "benchmark-secret-benchmark-secret-32",
  CACHE_ENABLED: String(cacheEnabled),
  // One client address makes every request: the API limit would otherwise answer 429.
  RATE_LIMIT_API_PER_HOUR: "100000000",
});

async function startServer(port: number, cacheEnabled: boolean): Promise<ChildProcess> {
  const server = spawn("npx", ["next", "start", "-p", String(port)], { env: serverEnv(cacheEnabled), stdio: "ignore", detached: true });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the server on port ${port} did not start`);
}

function stop(server: ChildProcess) {
  return new Promise<void>((resolve) => {
    server.on("exit", () => resolve());
    process.kill(-server.pid!, "SIGTERM");
  });
}

async function load(url: string): Promise<{ rps: number; p50: number; p99: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function measure(mode: Mode, port: number, targets: [string, string][]): Promise<Row[]> {
  const server = await startServer(port, mode === "cache on");
  try {
    const rows: Row[] = [];
    for (const [target, path] of targets) {
      const url = `http://127.0.0.1:${port}${path}`;
      for (let i = 0; i < 5; i++) await fetch(url); // warm the cache (and the JIT)
      rows.push({ target, mode: target === "trivial route" ? "ceiling" : mode, ...(await load(url)) });
    }
    return rows;
  } finally {
    await stop(server);
  }
}

async function main() {
  if (!process.argv.includes("--no-build")) {
    console.log("building into .next-bench …");
    await run("npx", ["next", "build"], serverEnv(true));
  }
  const probe = await startServer(3301, true);
  const { posts } = (await (await fetch("http://127.0.0.1:3301/api/feed?page=1")).json()) as { posts: { slug: string }[] };
  await stop(probe);
  if (!posts?.length) throw new Error("no posts: seed the database first (npm run db:seed)");

  const targets: [string, string][] = [
    ["GET /api/feed", "/api/feed?page=1"],
    ["home page", "/"],
    ["article page", `/posts/${posts[0].slug}`],
  ];
  console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION_S} s per target, load generator on the same machine`);
  const on = await measure("cache on", 3301, [["trivial route", "/api/ping"], ...targets]);
  const off = await measure("cache off", 3302, targets);
  const rows = [...on, ...off];

  printTable(
    ["target", "mode", "req/s", "p50 ms", "p99 ms"],
    rows.map((r) => [r.target, r.mode, r.rps.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1)]),
  );
  const ceiling = on.find((r) => r.mode === "ceiling")!.rps;
  console.log("");
  printTable(
    ["target", "warm / off (req/s)", "warm / ceiling", "p99 off / warm"],
    targets.map(([target]) => {
      const warm = on.find((r) => r.target === target)!;
      const cold = off.find((r) => r.target === target)!;
      return [target, `${(warm.rps / cold.rps).toFixed(2)}x`, `${((warm.rps / ceiling) * 100).toFixed(0)}%`, `${(cold.p99 / warm.p99).toFixed(2)}x`];
    }),
  );
}

main().catch((error) => {
  console.error(`bench: ${(error as Error).message}`);
  process.exit(1);
});
