// `npm run demo` after its install step (scripts/demo.sh): makes sure Postgres and Redis answer,
// starting them when they are local and not running (scripts/services), then generates the
// Prisma client, migrates, seeds the demo data, builds and serves, and stays the parent of it all.
// Ctrl-C or SIGTERM goes to the step that runs (the server first writes its pending views to
// Postgres), then the services this run started are stopped, and only those.
//   node --import tsx scripts/demo.ts [--skip-build] [--data-dir DIR]
// --skip-build serves the build there is; --data-dir is where started services keep their files
// (default .data/: the embedded Postgres' data stays there between runs).
import "./load-env";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { errorMessage } from "../lib/util/error-message";
import { ensureServices, ServiceError, type Services } from "./services";

const args = process.argv.slice(2);
const dataDir = (args.includes("--data-dir") && args[args.indexOf("--data-dir") + 1]) || ".data";
const port = process.env.PORT || "3000";
const tsx = (...rest: string[]) => [process.execPath, "--import", "tsx", ...rest];

const STEPS: { title: string; command: string[]; env?: Record<string, string> }[] = [
  { title: "Generating the Prisma client", command: ["bash", "scripts/prisma-generate.sh"] },
  { title: "Migrating the database", command: tsx("scripts/migrate.ts") },
  { title: "Seeding demo data (idempotent)", command: tsx("prisma/seed.ts", "--demo-accounts") },
  ...(args.includes("--skip-build")
    ? []
    : [{ title: "Building", command: ["npm", "run", "build"] }]),
  {
    title: `Serving on http://localhost:${port}  (admin@example.com / admin-password, demo@example.com / demo-password)`,
    // `npm start`, without npm in between: a signal reaches the server once (server.ts, sweep.ts).
    command: [process.execPath, "dist/server.mjs"],
    env: { NODE_ENV: "production", PORT: port, MALLOC_ARENA_MAX: "2" },
  },
];

let stopping: NodeJS.Signals | null = null;
let current: ChildProcess | undefined;

const heading = (title: string) =>
  console.log(process.stdout.isTTY ? `\n\x1b[1m==> ${title}\x1b[0m` : `\n==> ${title}`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Signals a step's whole process group (a build's workers too); one that hangs is killed after 20 s. */
function signalStep(child: ChildProcess, signal: NodeJS.Signals): void {
  const kill = (how: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, how);
    } catch {} // gone already
  };
  kill(signal);
  setTimeout(() => kill("SIGKILL"), 20_000).unref();
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (stopping) return; // npm passes on the terminal's Ctrl-C: the same signal twice
    stopping = signal;
    if (current) signalStep(current, signal === "SIGHUP" ? "SIGTERM" : signal);
  });
}

/** Runs one step in its own process group (so Ctrl-C reaches it only through us, once); its exit code. */
async function run(command: string[], env: Record<string, string> = {}): Promise<number> {
  const child = spawn(command[0], command.slice(1), {
    detached: true,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ...env },
  });
  current = child;
  const [code, signal] = (await once(child, "exit")) as [number | null, NodeJS.Signals | null];
  current = undefined;
  return code ?? (signal === "SIGINT" ? 130 : 1);
}

async function main(): Promise<number> {
  const begun = Date.now();
  heading("Checking Postgres and Redis (a local one that is not running is started)");
  let services: Services;
  try {
    services = await ensureServices({ databaseUrl: databaseUrl(), redisUrl: redisUrl(), dataDir });
  } catch (error) {
    console.error(error instanceof ServiceError ? error.message : errorMessage(error));
    return 1;
  }
  console.log(`    done in ${seconds(begun)}`);
  let code = 0;
  try {
    for (const step of STEPS) {
      if (stopping) break;
      heading(step.title);
      const since = Date.now();
      code = await run(step.command, step.env);
      if (stopping) break;
      if (code !== 0) {
        console.error(`demo: "${step.title}" failed (exit code ${code})`);
        break;
      }
      console.log(`    done in ${seconds(since)} (${seconds(begun)} since the start)`);
    }
  } finally {
    if (services.started.length > 0) {
      console.log(`\ndemo: stopping ${services.started.map((s) => s.name).join(" and ")}`);
      await services.stop();
      console.log("demo: stopped what it started");
    }
  }
  if (stopping) return stopping === "SIGINT" ? 130 : 143;
  return code;
}

function databaseUrl(): string {
  return process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/blog";
}

function redisUrl(): string {
  return process.env.REDIS_URL || "redis://localhost:6379/0";
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`demo: ${errorMessage(error)}`);
    process.exit(1);
  },
);
