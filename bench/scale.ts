// `npm run bench:scale` (issue 19): what a second app process behind nginx buys on this machine,
// where the load generator shares the two cores with everything else. Two workloads that Next's
// pipeline bounds (the page cache serves neither): the home page of signed-in members, and the
// API's feed; then, for decision 031's capacity plan, two writes: views (each from a new reader)
// and members' posts; and at the end 500 event streams held by one process (./scale-streams.ts). Measured in one run, the setups taking turns round after round (./scale-setups.ts:
// one process direct, two behind nginx, both on one private Redis Cluster and one private
// Postgres; and one process on a single Redis node), each stretch with what it asked of Redis and
// Postgres (./scale-counters.ts). Prints req/s, p50, p99, the ratio against the goal (1.5x), PASS
// or FAIL, and per request the Redis commands and bytes and the Postgres statements.
// The goal is reported, not enforced: exit 1 only when an answer was not a 2xx or a session was
// lost. Needs a build (`NEXT_DIST_DIR=.next-bench npm run build`, done here unless --no-build);
// --cluster-only leaves out the single Redis node. Nothing of the machine's Postgres or Redis is
// touched; nginx's files and the apps' logs stay in reports/bench-scale/ and reports/.
import { availableParallelism } from "node:os";
import { seedArticles } from "./lib/articles";
import { buildUnlessTold } from "./lib/build";
import { exitWith } from "./lib/exit-with";
import { createMembers } from "./lib/members";
import { PrivateCluster } from "./lib/private-cluster";
import { openPrivateSite } from "./lib/private-site";
import {
  countStatements,
  difference,
  printIdle,
  readCounts,
  type StatementCounter,
} from "./scale-counters";
import { lateSince, METRICS_TOKEN, timedCommands } from "./scale-late";
import {
  articleViews,
  drive,
  feedPages,
  homeOfMembers,
  memberPosts,
  type Workload,
} from "./scale-load";
import { signInAll, stillSignedIn } from "./scale-members";
import { GOAL, type Results, reportScale } from "./scale-report";
import { type Setup, SINGLE_NODE, startSetups } from "./scale-setups";
import { measureStreams, reportStreams } from "./scale-streams";
import { addStretch, emptyTally } from "./scale-tally";

const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench";
const ROUNDS = Number(process.env.SCALE_ROUNDS ?? 3);
const SECONDS = Number(process.env.SCALE_SECONDS ?? 10);
const WARM_SECONDS = 3;
const IDLE_SECONDS = 3;
const CONNECTIONS = Number(process.env.SCALE_CONNECTIONS ?? 20);
// Several members and pages, so that no single cached session or page makes the work trivial.
const MEMBERS = 8;
const FEED_PAGES = 4;
const ARTICLES = FEED_PAGES * 20; // the feed's page size
// Members are hashed and checked at a low scrypt cost: sign-ins are not what is measured.
const SCRYPT_LOG2_N = "12";
// Event streams held at the end, on the one process reached directly: half of its default limit.
const STREAMS = 500;

const redisName = (setup: Setup) => (setup.name === SINGLE_NODE ? "1 node" : "Cluster masters");

type Plan = { setup: Setup; workloads: Workload[]; cookies: string[] };

// The metrics outside the counters' window: a scrape asks Redis too.
async function measured({ setup }: Plan, workload: Workload, pg: StatementCounter) {
  const timedBefore = await timedCommands(setup.processes);
  const before = await readCounts(setup.masters, pg);
  const stretch = await drive(setup.origin, workload, SECONDS, CONNECTIONS);
  const counts = difference(await readCounts(setup.masters, pg), before);
  const timed = lateSince(await timedCommands(setup.processes), timedBefore);
  return { stretch, counts, timed };
}

async function runRounds(plans: Plan[], pg: StatementCounter): Promise<Results> {
  const names = plans[0].workloads.map((w) => w.name);
  const results: Results = new Map(
    names.map((name) => [name, new Map(plans.map((p) => [p.setup.name, emptyTally()]))]),
  );
  console.log(`warming up: ${WARM_SECONDS} s per setup and workload …`);
  for (const plan of plans)
    for (const workload of plan.workloads)
      await drive(plan.setup.origin, workload, WARM_SECONDS, CONNECTIONS);
  const redisSets = new Map(plans.map(({ setup }) => [redisName(setup), setup.masters]));
  await printIdle(redisSets, pg, IDLE_SECONDS);
  for (let round = 1; round <= ROUNDS; round++) {
    // Every other round in the other order, so no setup always runs right after the same one.
    const order = round % 2 === 0 ? [...plans].reverse() : plans;
    for (const [i, name] of names.entries())
      for (const plan of order) {
        const { stretch, counts, timed } = await measured(plan, plan.workloads[i], pg);
        addStretch(results.get(name)!.get(plan.setup.name)!, stretch, counts, timed);
        const rate = (stretch.requests / stretch.seconds).toFixed(0);
        console.log(`round ${round}, ${name}, ${plan.setup.name}: ${rate} req/s`);
      }
  }
  return results;
}

/** True when every member is still signed in on every setup. */
async function sessionsKept(plans: Plan[]): Promise<boolean> {
  let kept = true;
  for (const { setup, cookies } of plans) {
    const valid = await stillSignedIn(setup, cookies);
    console.log(`${setup.name}: ${valid} of ${cookies.length} members still signed in`);
    kept &&= valid === cookies.length;
  }
  return kept;
}

async function main(): Promise<boolean> {
  buildUnlessTold(DIST);
  process.env.PASSWORD_SCRYPT_LOG2_N = SCRYPT_LOG2_N;
  const site = await openPrivateSite(DIST, new PrivateCluster());
  try {
    const pg = await countStatements(site);
    const articles = await seedArticles(site, ARTICLES);
    const members = await createMembers(site, MEMBERS);
    const env = {
      ...site.appEnv,
      PASSWORD_SCRYPT_LOG2_N: SCRYPT_LOG2_N,
      METRICS_TOKEN,
      // Eight members posting as fast as they can: the limit must not be what is measured.
      RATE_LIMIT_POSTS_PER_HOUR: "100000000",
      // Every stream comes from 127.0.0.1, one identity.
      SSE_MAX_PER_IDENTITY: String(2 * STREAMS),
    };
    const setups = await startSetups(site, env, !process.argv.includes("--cluster-only"));
    const plans: Plan[] = [];
    for (const setup of setups) {
      const cookies = await signInAll(setup, members);
      plans.push({ setup, cookies, workloads: [homeOfMembers(cookies), feedPages(FEED_PAGES)] });
    }
    const paths = articles.map((article) => `/posts/${article.slug}`);
    const writing = plans.map((plan) => ({
      ...plan,
      workloads: [articleViews(paths), memberPosts(plan.cookies)],
    }));
    console.log(
      `autocannon in this process, ${CONNECTIONS} connections; ${ROUNDS} rounds of ${SECONDS} s per setup and workload; ${availableParallelism()} cores shared by it, nginx, the apps, Redis and Postgres; goal ${GOAL}x`,
    );
    const results = await runRounds(plans, pg);
    // The writes after every read: new articles would make the reads' pages and feeds change
    // under them.
    for (const [name, tallies] of await runRounds(writing, pg)) results.set(name, tallies);
    const kept = await sessionsKept(plans);
    const clean = reportScale(
      results,
      pg.label,
      plans[0].workloads.map((w) => w.name),
    );
    const [{ setup, cookies }] = plans; // one process, direct
    const streams = await measureStreams(
      setup.origin,
      setup.inspectorPort!,
      cookies[0],
      STREAMS,
      5,
    );
    reportStreams(setup.origin, streams);
    return clean && kept;
  } finally {
    await site.close();
  }
}

exitWith("bench:scale", main);
