// `npm run bench:soak`: SOAK_SECONDS (600) of the mixed load and a few event streams on the blog
// as `npm start` runs it (dist/server.mjs), then against its goals: no 5xx, RSS growth under 10%,
// no client connection left open, and every view acknowledged counted in Postgres after the
// final flush. Readers pick among SOAK_ARTICLES (100) articles by a Zipf distribution
// (SOAK_ZIPF_S, 1.1); each cache namespace's hit rate after the warm-up is read from
// GET /api/metrics. Each sample also reads the heap still used after a full GC (over the
// server's inspector), which tells what the app keeps from what V8 and the allocator hold on to;
// with --heap-snapshots, heap snapshots after the warm-up and at the end are compared by
// constructor and retainer. On a private Postgres cluster and redis-server of its own, removed at
// the end. Needs a build (`NEXT_DIST_DIR=.next-bench npm run build`, done here unless --no-build).
import { seedArticles } from "./lib/articles";
import { atMost, equal, printChecks } from "./lib/bounds";
import { buildUnlessTold } from "./lib/build";
import { exitWith } from "./lib/exit-with";
import { printHeapGrowth } from "./lib/heap-growth";
import { printHitRates, scrapeLookups } from "./lib/hit-rates";
import { Inspector, inspectorOptions } from "./lib/inspector";
import { viewsInPostgres } from "./lib/losses";
import { MixedLoad } from "./lib/mixed-load";
import { openPrivateSite } from "./lib/private-site";
import { clientConnections, openSockets, pidListeningOn } from "./lib/process-stats";
import { startServer } from "./lib/server";
import { SoakSamples } from "./lib/soak-samples";
import { SseClients } from "./lib/sse-clients";

const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench";
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
// RSS "at the start" is taken after this much of the same load: caches, JIT and V8's heap have
// grown to their working size by then, so growth after it is what the soak itself added.
const WARM_UP_SECONDS = 60;
const SAMPLE_SECONDS = 60;
const STREAMS = 3;
const ARTICLES = Number(process.env.SOAK_ARTICLES ?? 100);
const ZIPF_S = Number(process.env.SOAK_ZIPF_S ?? 1.1);
const METRICS_TOKEN = "soak-metrics-token-0123456789abcdef";
// Node's HTTP server closes an idle keep-alive connection after 5 s.
const IDLE_CLOSE_MS = 7_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const SNAPSHOTS = process.argv.includes("--heap-snapshots");
const snapshotFile = (when: string) => `reports/soak-heap-${when}.heapsnapshot`;

async function main(): Promise<boolean> {
  buildUnlessTold(DIST);
  const site = await openPrivateSite(DIST);
  try {
    const articles = await seedArticles(site, ARTICLES);
    const viewsBefore = await viewsInPostgres(site);
    const inspect = await inspectorOptions();
    const server = await startServer({
      ...site.appEnv,
      METRICS_TOKEN,
      NODE_OPTIONS: inspect.nodeOptions,
    });
    const port = Number(new URL(server.origin).port);
    const pid = pidListeningOn(port);
    const v8 = await Inspector.connect(inspect.port);
    const load = new MixedLoad(server.origin, site.writer.headers, articles, ZIPF_S);
    const streams = new SseClients(server.origin, STREAMS);
    const samples = new SoakSamples(pid, port, v8, () => load.tally.records.length);
    try {
      await samples.take(-WARM_UP_SECONDS);
      streams.start();
      load.start();
      console.log(`warming up for ${WARM_UP_SECONDS} s, then ${SOAK_SECONDS} s of soak …`);
      await sleep(WARM_UP_SECONDS * 1000);
      const warmRequests = load.tally.records.length;
      const warm = await scrapeLookups(server.origin, METRICS_TOKEN);
      // Writing a snapshot leaves the process about 200 MiB larger in RSS (the allocator keeps
      // what the snapshot's serialisation used), so the start sample comes after it.
      if (SNAPSHOTS) await v8.heapSnapshot(snapshotFile("start"));
      await samples.take(0);
      for (let second = SAMPLE_SECONDS; second < SOAK_SECONDS; second += SAMPLE_SECONDS) {
        await sleep(SAMPLE_SECONDS * 1000);
        await samples.take(second);
      }
      await sleep((SOAK_SECONDS % SAMPLE_SECONDS || SAMPLE_SECONDS) * 1000);
      await samples.take(SOAK_SECONDS);
      if (SNAPSHOTS) await v8.heapSnapshot(snapshotFile("end"));
      const end = await scrapeLookups(server.origin, METRICS_TOKEN);
      await Promise.all([load.stop(), streams.stop()]);
      console.log(
        `\nHit rate of each cache after the warm-up (reads of ${ARTICLES} articles, Zipf s = ${ZIPF_S}; from /api/metrics)`,
      );
      printHitRates(warm, end);
      if (SNAPSHOTS) printHeapGrowth(snapshotFile("start"), snapshotFile("end"));
      await sleep(IDLE_CLOSE_MS);
      const idle = { sockets: openSockets(pid), clients: clientConnections(port) };
      console.log(`(${warmRequests} requests of warm-up are in the figures below)`);
      return await report(samples, idle, load, async () => {
        await server.stop("SIGTERM");
        return (await viewsInPostgres(site)) - viewsBefore;
      });
    } finally {
      v8.close();
      await load.stop();
      await streams.stop();
      await server.stop("SIGTERM");
    }
  } finally {
    await site.close();
  }
}

async function report(
  samples: SoakSamples,
  idle: { sockets: number; clients: number },
  load: MixedLoad,
  finalFlush: () => Promise<number>,
): Promise<boolean> {
  samples.print();
  const tally = load.tally;
  const latency = tally.latency();
  const [first, last] = samples.span;
  const growth = ((last.rss - first.rss) / first.rss) * 100;
  const heapGrowth = ((last.heap - first.heap) / first.heap) * 100;
  const { sent, acknowledged } = tally.views();
  const counted = await finalFlush();
  const requests = tally.records.length;
  console.log(
    `\n${requests} requests: p50 ${latency.p50.toFixed(0)} ms, p99 ${latency.p99.toFixed(0)} ms, longest ${latency.max.toFixed(0)} ms; views ${sent} sent, ${acknowledged} answered as counted, ${counted} in Postgres after the final flush`,
  );
  console.log(
    `after the load, ${IDLE_CLOSE_MS / 1000} s idle: ${idle.clients} client connections, ${idle.sockets} sockets (${first.sockets} at the start)`,
  );
  const checks = [
    equal(
      "5xx answers",
      tally.failedCount((s) => typeof s === "number" && s >= 500),
      0,
    ),
    equal(
      "requests without an answer",
      tally.failedCount((s) => typeof s !== "number"),
      0,
    ),
    atMost(`RSS growth (${first.rss.toFixed(0)} → ${last.rss.toFixed(0)} MiB)`, growth, 10, " %"),
    atMost(
      `heap after GC growth (${first.heap.toFixed(0)} → ${last.heap.toFixed(0)} MiB)`,
      heapGrowth,
      10,
      " %",
    ),
    equal("client connections left open when idle", idle.clients, 0),
    equal("views in Postgres − views answered as counted", counted - acknowledged, 0),
  ];
  printChecks(checks);
  return checks.every((c) => c.pass);
}

exitWith("bench:soak", main);
