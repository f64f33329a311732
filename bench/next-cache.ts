// 'use cache' benchmark: the signed-in home and article pages rendered with Next's cache on Redis
// (NEXT_CACHE_HANDLER=redis) against today's rendering (NEXT_CACHE_HANDLER=off: every 'use cache'
// lookup misses, so each part loads its data through our caches and renders, as before), two
// servers of one build (as `npm start` runs it) measured in this run. Signed-in readers are the
// ones the page cache cannot serve: their pages are rendered on every request.
import { existsSync } from "node:fs";
import autocannon from "autocannon";
import { Redis } from "ioredis";
import { sealData } from "iron-session";
import pg from "pg";
import { SessionStore } from "@/lib/domains/auth/session-store";
import { errorMessage } from "@/lib/util/error-message";
import { buildUnlessTold } from "./lib/build";
import { printTable } from "./lib/measure";
import { fetchOk, startServer } from "./lib/server";
import { benchServerEnv } from "./lib/server-env";

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

type Mode = "use cache" | "today";
const MODES: Record<Mode, { handler: string }> = {
  "use cache": { handler: "redis" },
  today: { handler: "off" },
};

const site = { distDir: DIST, databaseUrl, redisUrl, staticCacheDb: process.env.STATIC_CACHE_DB };
// Only signed-in readers are measured, whom the page cache never serves; off to be sure.
const serverEnv = (handler: string) =>
  benchServerEnv(site, {
    NEXT_CACHE_HANDLER: handler,
    PAGE_CACHE_ENABLED: "false",
    SESSION_SECRET: secret,
  });

// A session for an author with published posts, made as sign-in makes it (lib/domains/auth/session.ts).
async function signedInCookie(): Promise<{ cookie: string; slug: string }> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ author_id: number; slug: string }>(
    "SELECT author_id, slug FROM posts WHERE published ORDER BY view_count DESC LIMIT 1",
  );
  await db.end();
  if (rows.length === 0) throw new Error("no posts: seed the database first (npm run db:seed)");
  const redis = new Redis(redisUrl);
  const days = Number(process.env.SESSION_REMEMBER_DAYS ?? 30);
  const sid = await new SessionStore(redis, {
    idleSeconds: 86_400,
    rememberSeconds: days * 86_400,
  }).create(rows[0].author_id, true);
  redis.disconnect();
  const sealed = await sealData({ sid }, { password: secret, ttl: days * 86_400 });
  return { cookie: `blog_session=${sealed}`, slug: rows[0].slug };
}

async function load(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function main() {
  buildUnlessTold(DIST, serverEnv("redis"));
  const { cookie, slug } = await signedInCookie();
  const targets: [string, string, Record<string, string>][] = [
    ["home, signed in", "/", { cookie }],
    ["article, signed in", `/posts/${slug}`, { cookie }],
  ];
  console.log(
    `autocannon: ${CONNECTIONS} connections, ${DURATION_S} s per target, load generator on the same machine`,
  );
  const rows: { target: string; mode: Mode; rps: number; p50: number; p99: number }[] = [];
  for (const mode of Object.keys(MODES) as Mode[]) {
    const server = await startServer(serverEnv(MODES[mode].handler));
    try {
      for (const [target, path, headers] of targets) {
        const url = `${server.origin}${path}`;
        for (let i = 0; i < 5; i++) await fetchOk(url, { headers }); // fill the caches, warm the JIT
        rows.push({ target, mode, ...(await load(url, headers)) });
      }
    } finally {
      await server.stop();
    }
  }
  printTable(
    ["target", "rendering", "req/s", "p50 ms", "p99 ms"],
    rows.map((r) => [r.target, r.mode, r.rps.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1)]),
  );
  console.log("");
  printTable(
    ["target", "'use cache' / today (req/s)", "p50 today / 'use cache'"],
    targets.map(([target]) => {
      const cached = rows.find((r) => r.target === target && r.mode === "use cache")!;
      const today = rows.find((r) => r.target === target && r.mode === "today")!;
      return [
        target,
        `${(cached.rps / today.rps).toFixed(2)}x`,
        `${(today.p50 / Math.max(cached.p50, 0.1)).toFixed(2)}x`,
      ];
    }),
  );
}

main().catch((error) => {
  console.error(`bench: ${errorMessage(error)}`);
  process.exit(1);
});
