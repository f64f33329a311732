// HTTP benchmark: the blog as `npm start` serves it (server.ts), each target measured three ways
// in one run: with the page cache (whole pages from Redis, in front of Next), with the data
// caches only (PAGE_CACHE_ENABLED=false: React renders every request), and with caching off
// (CACHE_ENABLED=false, Flask-Caching's NullCache), plus a trivial route as Next's ceiling.
// Each page the page cache serves is also measured, in turns with it, from a bare node:http
// server that answers with the same stored page after one GET (./bare-page-server.ts): what a
// HIT would cost with nothing of server.ts around it.
// Requests are anonymous and accept gzip and brotli, like a browser's.
import { existsSync } from "node:fs";
import autocannon from "autocannon";
import { errorMessage } from "@/lib/util/error-message";
import { buildUnlessTold } from "./lib/build";
import { printTable } from "./lib/measure";
import { fetchOk, startBarePageServer, startServer } from "./lib/server";
import { benchServerEnv } from "./lib/server-env";

if (existsSync(".env")) process.loadEnvFile(".env");

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DIST = ".next-bench";
const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/blog";
// Its own Redis DB, so the benchmark neither reads nor disturbs the development cache.
const redisUrl = (process.env.REDIS_URL ?? "redis://localhost:6379/0").replace(/\/\d*$/, "/13");
const HEADERS = { "accept-encoding": "gzip, br", accept: "text/html" };

const MODES = {
  "page cache": { PAGE_CACHE_ENABLED: "true", CACHE_ENABLED: "true" },
  "data caches": { PAGE_CACHE_ENABLED: "false", CACHE_ENABLED: "true" },
  "cache off": { PAGE_CACHE_ENABLED: "false", CACHE_ENABLED: "false" },
} as const;
type Mode = keyof typeof MODES;
type Row = {
  target: string;
  mode: Mode | "ceiling" | "bare server";
  rps: number;
  p50: number;
  p99: number;
};

const site = { distDir: DIST, databaseUrl, redisUrl };
const serverEnv = (mode: Mode) => benchServerEnv(site, MODES[mode]);

async function load(url: string): Promise<{ rps: number; p50: number; p99: number }> {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    headers: HEADERS,
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`GET ${url}: ${result.non2xx} answers not 2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function fetchStatus(url: string): Promise<number> {
  const response = await fetch(url, { headers: HEADERS });
  await response.arrayBuffer();
  return response.status;
}

// Fills the caches, then a second of the same load unmeasured, so that what is measured is the
// JIT's optimized code of each server, not its first seconds (the same for every target).
async function warm(url: string) {
  for (let i = 0; i < 5; i++) await (await fetchOk(url, { headers: HEADERS })).arrayBuffer();
  await autocannon({ url, connections: CONNECTIONS, duration: 1, headers: HEADERS });
}

// A stored page against the bare server: measured in turns, PAIRED_ROUNDS of each, so that a slow
// patch of the machine (its rates move by a fifth between runs) is shared out rather than landing
// on one of them; each keeps its median round.
const PAIRED_ROUNDS = 3;
type Load = Awaited<ReturnType<typeof load>>;
const median = (loads: Load[]) => [...loads].sort((a, b) => a.rps - b.rps)[loads.length >> 1];

async function inTurns(pageUrl: string, bareUrl: string): Promise<[Load, Load]> {
  await warm(bareUrl); // the page's own, already: the bare server has only what it stored

  const [page, bare]: Load[][] = [[], []];
  for (let round = 0; round < PAIRED_ROUNDS; round++) {
    page.push(await load(pageUrl));
    bare.push(await load(bareUrl));
  }
  return [median(page), median(bare)];
}

async function measure(mode: Mode, targets: [string, string][]): Promise<Row[]> {
  const server = await startServer(serverEnv(mode));
  const bare = mode === "page cache" ? await startBarePageServer(DIST, redisUrl) : undefined;
  try {
    const rows: Row[] = [];
    for (const [target, path] of targets) {
      const url = `${server.origin}${path}`;
      await warm(url);
      // The page cache stores pages, not API answers: the bare server has only those.
      if (bare && (await fetchStatus(`${bare.origin}${path}`)) === 200) {
        const [page, floor] = await inTurns(url, `${bare.origin}${path}`);
        rows.push({ target, mode, ...page }, { target, mode: "bare server", ...floor });
        continue;
      }
      rows.push({
        target,
        mode: target === "trivial route" ? "ceiling" : mode,
        ...(await load(url)),
      });
    }
    return rows;
  } finally {
    await Promise.all([server.stop(), bare?.stop()]);
  }
}

async function pagesToMeasure(): Promise<[string, string][]> {
  const probe = await startServer(serverEnv("data caches"));
  try {
    const feed = (await (await fetchOk(`${probe.origin}/api/feed?page=1`)).json()) as {
      posts: { slug: string; author: { username: string } }[];
    };
    const [first] = feed.posts;
    if (!first) throw new Error("no posts: seed the database first (npm run db:seed)");
    return [
      ["GET /api/feed", "/api/feed?page=1"],
      ["home page", "/"],
      ["article page", `/posts/${first.slug}`],
      ["profile page", `/u/${first.author.username}`],
    ];
  } finally {
    await probe.stop();
  }
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(b > 0 && a / b < 10 ? 2 : 1)}x`;

async function main() {
  buildUnlessTold(DIST, serverEnv("page cache"));
  const targets = await pagesToMeasure();
  console.log(
    `autocannon: ${CONNECTIONS} connections, ${DURATION_S} s per target, load generator on the same machine`,
  );
  const rows = [
    ...(await measure("page cache", [["trivial route", "/api/ping"], ...targets])),
    ...(await measure("data caches", targets)),
    ...(await measure("cache off", targets)),
  ];
  printTable(
    ["target", "mode", "req/s", "p50 ms", "p99 ms"],
    rows.map((r) => [r.target, r.mode, r.rps.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1)]),
  );
  const find = (target: string, mode: Row["mode"]) =>
    rows.find((r) => r.target === target && r.mode === mode);
  const ceiling = find("trivial route", "ceiling")!.rps;
  console.log("");
  printTable(
    [
      "target",
      "page cache / off",
      "page cache / data caches",
      "data caches / off",
      "page cache / trivial route",
      "page cache / bare server",
    ],
    targets.map(([target]) => {
      const [page, data, off, bare] = [
        find(target, "page cache")!,
        find(target, "data caches")!,
        find(target, "cache off")!,
        find(target, "bare server"),
      ];
      return [
        target,
        ratio(page.rps, off.rps),
        ratio(page.rps, data.rps),
        ratio(data.rps, off.rps),
        ratio(page.rps, ceiling),
        bare ? ratio(page.rps, bare.rps) : "(not a stored page)",
      ];
    }),
  );
}

main().catch((error) => {
  console.error(`bench: ${errorMessage(error)}`);
  process.exit(1);
});
