// Signed-in readers, served three ways by one build (as `npm start` runs it), in one run:
//   rendered                  each member's page rendered by Next, its 'use cache' parts from
//                             Redis (NEXT_CACHE_HANDLER=redis, page cache off): members before
//                             the shared page
//   rendered, no 'use cache'  the same with every 'use cache' lookup a miss (handler off): what
//                             'use cache' adds to a member's render
//   shared page               the page cache's member variant (one Redis GET) and the reader's
//                             parts (GET /api/me/parts, answered by server.ts from Redis): a
//                             member's page view is both requests. Strangers' page cache HIT is
//                             measured on the same server, the rate a member could at best reach.
// `npm run bench` runs it after bench/http.ts, on the build that one made (--no-build).
import { existsSync } from "node:fs";
import autocannon from "autocannon";
import { MEMBER_PARTS_PATH } from "@/lib/blog/member-parts";
import { errorMessage } from "@/lib/util/error-message";
import { buildUnlessTold } from "./lib/build";
import { printTable } from "./lib/measure";
import { fetchOk, startServer } from "./lib/server";
import { benchServerEnv } from "./lib/server-env";
import { signedInAuthor } from "./lib/signed-in";

if (existsSync(".env")) process.loadEnvFile(".env");

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const DIST = ".next-bench";
const databaseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/blog";
// The benchmark's own Redis DB (as bench/http.ts), unless told otherwise.
const redisUrl =
  process.env.BENCH_REDIS_URL ??
  (process.env.REDIS_URL ?? "redis://localhost:6379/0").replace(/\/\d*$/, "/13");
const secret = process.env.SESSION_SECRET ?? "benchmark-secret-benchmark-secret-32";

const SETUPS = {
  rendered: { NEXT_CACHE_HANDLER: "redis", PAGE_CACHE_ENABLED: "false" },
  "rendered, no 'use cache'": { NEXT_CACHE_HANDLER: "off", PAGE_CACHE_ENABLED: "false" },
  "shared page": { NEXT_CACHE_HANDLER: "redis", PAGE_CACHE_ENABLED: "true" },
};
type Setup = keyof typeof SETUPS;

const site = { distDir: DIST, databaseUrl, redisUrl, staticCacheDb: process.env.STATIC_CACHE_DB };
const serverEnv = (setup: Setup) =>
  benchServerEnv(site, { ...SETUPS[setup], SESSION_SECRET: secret });

type Request = { path: string; headers: Record<string, string> };
type Measure = { name: string; requests: Request[]; hits?: boolean };
type Row = {
  target: string;
  setup: Setup;
  measure: string;
  views: number;
  p50: number;
  p99: number;
};

/** Each connection sends the requests in turn: a page view is the whole list. */
async function load(origin: string, requests: Request[]) {
  const result = await autocannon({
    url: origin,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: requests.map(({ path, headers }) => ({ method: "GET", path, headers })),
  });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${requests[0].path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    views: result.requests.average / requests.length,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

// Fills the caches and warms the JIT; on the shared page, until a whole pass is HITs (a page
// stored earlier in the run may be STALE first, then refreshed in the background).
async function warm(origin: string, { name, requests, hits }: Measure) {
  let cached: (string | null)[] = [];
  for (let pass = 0; pass < 40; pass++) {
    cached = [];
    for (const { path, headers } of requests) {
      const response = await fetchOk(`${origin}${path}`, { headers });
      await response.arrayBuffer();
      cached.push(response.headers.get("x-cache"));
    }
    if (pass >= 4 && (!hits || cached.every((cache) => cache === "HIT"))) return;
    if (pass >= 4) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${name}: still ${cached.join(", ")} after 40 passes`);
}

function measures(setup: Setup, path: string, cookie: string): Measure[] {
  const page = { path, headers: { cookie, "accept-encoding": "gzip" } };
  if (setup !== "shared page") return [{ name: "page view", requests: [page] }];
  const parts = { path: MEMBER_PARTS_PATH, headers: { cookie } };
  const stranger = { path, headers: { "accept-encoding": "gzip" } };
  return [
    { name: "page view (page + parts)", requests: [page, parts], hits: true },
    { name: "the page alone", requests: [page], hits: true },
    { name: "a stranger's page", requests: [stranger], hits: true },
  ];
}

async function main() {
  buildUnlessTold(DIST, serverEnv("shared page"));
  const { cookie, slug } = await signedInAuthor(databaseUrl, redisUrl, secret);
  const targets: [string, string][] = [
    ["home", "/"],
    ["article", `/posts/${slug}`],
  ];
  console.log(
    `autocannon: ${CONNECTIONS} connections, ${DURATION_S} s per measure, load generator on the same machine`,
  );
  const rows: Row[] = [];
  for (const setup of Object.keys(SETUPS) as Setup[]) {
    const server = await startServer(serverEnv(setup));
    try {
      for (const [target, path] of targets)
        for (const measure of measures(setup, path, cookie)) {
          await warm(server.origin, measure);
          const figures = await load(server.origin, measure.requests);
          rows.push({ target, setup, measure: measure.name, ...figures });
        }
    } finally {
      await server.stop();
    }
  }
  report(rows, targets);
}

function report(rows: Row[], targets: [string, string][]) {
  printTable(
    ["target", "served", "measure", "page views/s", "p50 ms", "p99 ms"],
    rows.map((r) => [
      r.target,
      r.setup,
      r.measure,
      r.views.toFixed(0),
      r.p50.toFixed(1),
      r.p99.toFixed(1),
    ]),
  );
  console.log("");
  const views = (target: string, setup: Setup, measure = "page view") =>
    rows.find((r) => r.target === target && r.setup === setup && r.measure.startsWith(measure))!
      .views;
  printTable(
    [
      "signed in",
      "shared / rendered",
      "shared / no 'use cache'",
      "'use cache' gain",
      "shared / stranger",
    ],
    targets.map(([target]) => {
      const shared = views(target, "shared page");
      const rendered = views(target, "rendered");
      const plain = views(target, "rendered, no 'use cache'");
      const stranger = views(target, "shared page", "a stranger");
      return [
        target,
        `${(shared / rendered).toFixed(1)}x`,
        `${(shared / plain).toFixed(1)}x`,
        `${(rendered / plain).toFixed(2)}x`,
        `${(shared / stranger).toFixed(2)}`,
      ];
    }),
  );
}

main().catch((error) => {
  console.error(`bench: ${errorMessage(error)}`);
  process.exit(1);
});
