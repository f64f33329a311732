// `npm run bench:hostile`: posts each body of the hostile corpus to the blog as `npm start` runs it,
// through the API (an API key), views the article twice, edits it (same content), and searches
// for it.
// During each step it measures the longest time the server answered nothing (/api/health asked
// every 50 ms, BENCH_POLL_MS) and the longest SQL statement Postgres ran for it (pg_stat_activity,
// sampled as often); see bench/lib/watch.ts. A fresh server per input, so one input's damage never
// lands on the next; a step that gets no answer in BENCH_REQUEST_TIMEOUT_S (30) ends the input.
//
// Needs a build: `NEXT_DIST_DIR=.next-bench npm run build` (done here unless --no-build).
// Uses its own database (<DATABASE_URL's name>_hostile_bench, created and migrated here) and
// Redis DB 13 unless BENCH_DATABASE_URL / BENCH_REDIS_URL / BENCH_STATIC_CACHE_DB say otherwise.
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { errorMessage } from "@/lib/util/error-message";
import { ensureDatabase, migrate } from "../lib/platform/migrator";
import { createWriter } from "./lib/bench-writer";
import { buildUnlessTold } from "./lib/build";
import { type HostileInput, hostileCorpus } from "./lib/hostile-corpus";
import { printTable } from "./lib/measure";
import { startServer } from "./lib/server";
import { benchServerEnv } from "./lib/server-env";
import { cancelStatements, Watch } from "./lib/watch";

if (existsSync(".env")) process.loadEnvFile(".env");

const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench";
const TIMEOUT_MS = Number(process.env.BENCH_REQUEST_TIMEOUT_S ?? 30) * 1000;
const baseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/blog";
const databaseUrl =
  process.env.BENCH_DATABASE_URL ?? baseUrl.replace(/\/([^/?]+)(\?|$)/, "/$1_hostile_bench$2");
const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
const redisUrl =
  process.env.BENCH_REDIS_URL ??
  (process.env.REDIS_URL ?? "redis://127.0.0.1:6379/0").replace(/\/\d*$/, "/13");

const serverEnv = benchServerEnv(
  { distDir: DIST, databaseUrl, redisUrl, staticCacheDb: process.env.BENCH_STATIC_CACHE_DB },
  {
    REALTIME_CHANNEL_PREFIX: process.env.REALTIME_CHANNEL_PREFIX ?? "bench-events",
    RATE_LIMIT_SEARCH_PER_MINUTE: "100000000",
  },
);

type Step = {
  input: string;
  step: string;
  status: string;
  ms: number;
  body: string;
  stallMs: number;
  statementMs: number;
};
type Outcome = { status: string; body?: string };
type Created = { id: number; slug: string };
/** Where to send requests (this input's server) and as whom. */
type Client = { origin: string; headers: Record<string, string> };

// The article page says how its body was shown: rendered markdown, or the escaped text.
const bodyKind = (html: string) => (html.includes('class="as-text"') ? "as text" : "markdown");

async function call(
  method: string,
  url: string,
  client: Client,
  payload?: unknown,
): Promise<{ outcome: Outcome; json?: Created }> {
  const response = await fetch(`${client.origin}${url}`, {
    method,
    headers: {
      ...client.headers,
      ...(payload !== undefined && { "Content-Type": "application/json" }),
    },
    body: payload === undefined ? undefined : JSON.stringify(payload),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  const isPage = response.headers.get("content-type")?.startsWith("text/html");
  const json = isPage ? undefined : (JSON.parse(text || "null") as Created);
  return {
    outcome: {
      status: String(response.status),
      body: isPage && response.ok ? bodyKind(text) : undefined,
    },
    json,
  };
}

// Every step once with a short article first, so the figures are about the content and not
// about a fresh server loading its routes.
async function warmUp(client: Client): Promise<void> {
  const { json } = await call("POST", "/api/posts", client, {
    title: "Warm-up",
    content: "Just **warming** up the server.",
    published: true,
  });
  if (!json?.slug) throw new Error("the warm-up post was not created");
  await call("GET", `/posts/${json.slug}`, client);
  await call("PATCH", `/api/posts/${json.id}`, client, {
    content: "Still **warming** up the server.",
  });
  await call("GET", `/api/search?q=warming`, client);
}

async function benchInput(input: HostileInput, client: Client, watch: Watch): Promise<Step[]> {
  const token = `zq${Math.random().toString(36).slice(2, 10)}`;
  let post: Created | undefined;
  const steps: [string, () => Promise<Outcome>][] = [
    [
      "create",
      async () => {
        const { outcome, json } = await call("POST", "/api/posts", client, {
          title: `Hostile ${token}`,
          content: input.content,
          published: true,
        });
        post = json?.slug ? json : undefined;
        return outcome;
      },
    ],
    ["first view", async () => (await call("GET", `/posts/${post!.slug}`, client)).outcome],
    ["second view", async () => (await call("GET", `/posts/${post!.slug}`, client)).outcome],
    [
      "edit",
      async () =>
        (await call("PATCH", `/api/posts/${post!.id}`, client, { content: input.content })).outcome,
    ],
    ["search", async () => (await call("GET", `/api/search?q=${token}`, client)).outcome],
  ];
  const rows: Step[] = [];
  for (const [step, run] of steps) {
    if (step !== "create" && !post) break;
    watch.start();
    const started = performance.now();
    const outcome: Outcome = await run().catch((error: Error) => ({
      status: error.name === "TimeoutError" ? "no answer" : `error: ${error.message}`,
    }));
    const ms = performance.now() - started;
    const { stallMs, statementMs } = await watch.stop();
    rows.push({
      input: input.name,
      step,
      status: outcome.status,
      body: outcome.body ?? "",
      ms,
      stallMs,
      statementMs,
    });
    if (outcome.status === "no answer" || outcome.status.startsWith("error")) break;
  }
  return rows;
}

async function main() {
  buildUnlessTold(DIST, serverEnv);
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl, path.join(process.cwd(), "prisma/migrations"));
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  const writer = await createWriter(sql);
  const rows: Step[] = [];
  try {
    for (const input of hostileCorpus) {
      const server = await startServer(serverEnv);
      try {
        const client = { origin: server.origin, headers: writer.headers };
        await warmUp(client);
        rows.push(...(await benchInput(input, client, new Watch(server.origin, sql, database))));
      } finally {
        await server.stop("SIGKILL");
        await cancelStatements(sql, database);
      }
      const last = rows.at(-1)!;
      console.log(`${input.name}: ${last.step} ${last.status}`);
    }
  } finally {
    await writer.remove();
    await sql.end();
  }
  report(rows);
}

function report(rows: Step[]) {
  const ms = (value: number) => value.toFixed(0);
  console.log(
    `\nEach step: HTTP status, its time, how the article body was shown, the longest wait for /api/health, the longest SQL statement (sampled every ${process.env.BENCH_POLL_MS ?? 50} ms)`,
  );
  printTable(
    ["input", "step", "status", "ms", "body", "longest stall ms", "longest statement ms"],
    rows.map((r) => [
      r.input,
      r.step,
      r.status,
      ms(r.ms),
      r.body,
      ms(r.stallMs),
      ms(r.statementMs),
    ]),
  );
  console.log("\nWorst of each input");
  const inputs = [...new Set(rows.map((r) => r.input))];
  printTable(
    ["input", "longest stall ms", "longest statement ms", "statuses"],
    inputs.map((name) => {
      const mine = rows.filter((r) => r.input === name);
      return [
        name,
        ms(Math.max(...mine.map((r) => r.stallMs))),
        ms(Math.max(...mine.map((r) => r.statementMs))),
        mine.map((r) => r.status).join(" "),
      ];
    }),
  );
}

main().catch((error) => {
  console.error(`bench: ${errorMessage(error)}`);
  process.exit(1);
});
