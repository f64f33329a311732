// `npm run bench:memory`: the cache role (CACHE_REDIS_URL) on a redis-server with a small
// maxmemory (MEMORY_CACHE_MAXMEMORY, 4mb) and allkeys-lru, as docker-compose.yml runs it, under
// MEMORY_JUNK_URLS (10,000) new URLs from a stranger while readers, members and writers go on.
// What must hold: pages served throughout, the readers' hit rate back after the junk, no member
// signed out, no sign-in failed, no view lost; the cache role evicts instead of refusing.
// On a private Postgres cluster and two redis-servers of its own (state, cache), removed at the end.
// Needs a build (`NEXT_DIST_DIR=.next-bench npm run build`, done here unless --no-build).
import { seedArticles } from "./lib/articles";
import { atLeast, atMost, equal, printChecks } from "./lib/bounds";
import { buildUnlessTold } from "./lib/build";
import { exitWith } from "./lib/exit-with";
import { viewsInPostgres } from "./lib/losses";
import { printTable } from "./lib/measure";
import { createMembers, isSignedIn, type SignInResult, SignIns } from "./lib/members";
import { ArticleReaders, sendJunk } from "./lib/memory-load";
import { MixedLoad } from "./lib/mixed-load";
import { openPrivateSite } from "./lib/private-site";
import { RedisProcess } from "./lib/redis-process";
import { startServer } from "./lib/server";

const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench";
const MAXMEMORY = process.env.MEMORY_CACHE_MAXMEMORY ?? "4mb";
const JUNK_URLS = Number(process.env.MEMORY_JUNK_URLS ?? 10_000);
const PHASE_SECONDS = 30;
const LARGEST_VALUE_KIB = 1024;
const ARTICLES = 20;
// Members are hashed and checked at a low scrypt cost: the sign-ins are counted, not timed.
const SCRYPT_LOG2_N = "12";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const infoField = (info: string, field: string) =>
  Number(new RegExp(`^${field}:(\\d+)`, "m").exec(info)?.[1] ?? Number.NaN);

async function cacheRoleMemory(cache: RedisProcess) {
  const info = `${await cache.command("INFO", "memory")}${await cache.command("INFO", "stats")}`;
  return {
    usedMiB: infoField(info, "used_memory") / 1024 / 1024,
    maxMiB: infoField(info, "maxmemory") / 1024 / 1024,
    evicted: infoField(info, "evicted_keys"),
  };
}

/** How many of these sign-ins' sessions are still valid. */
async function signedIn(origin: string, signIns: SignInResult[]): Promise<number> {
  const cookies = signIns.flatMap((r) => ("cookie" in r ? [r.cookie] : []));
  return (await Promise.all(cookies.map((c) => isSignedIn(origin, c)))).filter(Boolean).length;
}

async function main(): Promise<boolean> {
  buildUnlessTold(DIST);
  process.env.PASSWORD_SCRYPT_LOG2_N = SCRYPT_LOG2_N;
  const site = await openPrivateSite(DIST);
  const cache = new RedisProcess(["--maxmemory", MAXMEMORY, "--maxmemory-policy", "allkeys-lru"]);
  try {
    await cache.start();
    const articles = await seedArticles(site, ARTICLES);
    const members = await createMembers(site, 4);
    const viewsBefore = await viewsInPostgres(site);
    const server = await startServer({
      ...site.appEnv,
      CACHE_REDIS_URL: cache.url(0),
      PASSWORD_SCRYPT_LOG2_N: SCRYPT_LOG2_N,
    });
    const signIns = await SignIns.open(server.origin);
    const load = new MixedLoad(server.origin, site.writer.headers, articles, 1.1);
    const readers = new ArticleReaders(server.origin, articles);
    try {
      const early = await Promise.all(members.slice(0, 2).map((m) => signIns.signIn(m)));
      load.start();
      console.log(
        `${PHASE_SECONDS} s of browsing, then ${JUNK_URLS} junk URLs, then ${PHASE_SECONDS} s more …`,
      );
      await sleep(PHASE_SECONDS * 1000);
      readers.phase = "junk";
      const [junk, late] = await Promise.all([
        sendJunk(server.origin, articles, JUNK_URLS),
        Promise.all(members.slice(2).map((m) => signIns.signIn(m))),
      ]);
      const pressed = await cacheRoleMemory(cache);
      readers.phase = "after";
      await sleep(PHASE_SECONDS * 1000);
      await Promise.all([load.stop(), readers.stop()]);
      const stillSignedIn = await signedIn(server.origin, early);
      const lateSignedIn = await signedIn(server.origin, late);
      await server.stop("SIGTERM");
      const counted = (await viewsInPostgres(site)) - viewsBefore;
      return report({
        readers,
        load,
        junk,
        pressed,
        counted,
        signIns: { early, late },
        stillSignedIn,
        lateSignedIn,
      });
    } finally {
      await Promise.all([load.stop(), readers.stop(), signIns.close()]);
      await server.stop("SIGTERM");
    }
  } finally {
    await cache.kill();
    await site.close();
  }
}

type Outcome = {
  readers: ArticleReaders;
  load: MixedLoad;
  junk: Map<number | string, number>;
  pressed: Awaited<ReturnType<typeof cacheRoleMemory>>;
  counted: number;
  signIns: { early: SignInResult[]; late: SignInResult[] };
  stillSignedIn: number;
  lateSignedIn: number;
};

function report(o: Outcome): boolean {
  console.log("\nReaders of the site's articles, by phase");
  const phases = ["before", "junk", "after"].map((phase) => ({
    phase,
    ...o.readers.summary(phase),
  }));
  printTable(
    ["phase", "article reads", "not 200", "from the page cache"],
    phases.map((p) => [p.phase, p.reads, p.notOk, `${(p.hitRate * 100).toFixed(1)} %`]),
  );
  const junkAnswers = [...o.junk].map(([status, n]) => `${status}×${n}`).join(", ");
  console.log(`\n${JUNK_URLS} junk URLs answered: ${junkAnswers}`);
  console.log(
    `cache role after the junk: ${o.pressed.usedMiB.toFixed(3)} MiB used of ${o.pressed.maxMiB.toFixed(3)}, ${o.pressed.evicted} keys evicted`,
  );
  const failedSignIns = [...o.signIns.early, ...o.signIns.late].filter((r) => "failed" in r);
  for (const failed of failedSignIns)
    console.log(`sign-in failed: ${(failed as { failed: string }).failed}`);
  const { sent, acknowledged } = o.load.tally.views();
  console.log(
    `views: ${sent} sent, ${acknowledged} answered as counted, ${o.counted} in Postgres after the final flush`,
  );
  const [before, , after] = phases;
  const junk5xx = [...o.junk]
    .filter(([s]) => typeof s !== "number" || s >= 500)
    .reduce((n, [, c]) => n + c, 0);
  const checks = [
    equal(
      "article reads not answered 200",
      phases.reduce((n, p) => n + p.notOk, 0),
      0,
    ),
    equal("junk URLs answered 5xx or not at all", junk5xx, 0),
    equal(
      "5xx answers of the mixed load",
      o.load.tally.failedCount((s) => typeof s !== "number" || s >= 500),
      0,
    ),
    atLeast(
      "readers' hit rate after the junk, of the one before",
      (after.hitRate / before.hitRate) * 100,
      90,
      " %",
    ),
    atLeast("cache role keys evicted under the junk", o.pressed.evicted, 1),
    // Redis evicts before each write, so the write itself may leave it over maxmemory until the
    // next one: by at most the largest value the app stores there (a page, PAGE_CACHE_MAX_BYTES).
    atMost(
      "cache role memory used over its maxmemory",
      (o.pressed.usedMiB - o.pressed.maxMiB) * 1024,
      LARGEST_VALUE_KIB,
      " KiB",
    ),
    equal("sign-ins that failed", failedSignIns.length, 0),
    equal("members signed in before the junk, signed out after it", 2 - o.stillSignedIn, 0),
    equal("members signed in during the junk, signed out after it", 2 - o.lateSignedIn, 0),
    equal("views in Postgres − views answered as counted", o.counted - acknowledged, 0),
  ];
  printChecks(checks);
  return checks.every((c) => c.pass);
}

exitWith("bench:memory", main);
