// One fault under load: a fresh server on the private site, the mixed load and a few event
// streams, the fault in the middle, then the server stopped with SIGTERM (its final flush of
// views) and what was lost read from Postgres.
import type { Fault, ScenarioResult } from "./faults-list";
import { RECOVERY_MS } from "./faults-list";
import type { LoadTally } from "./lib/load-tally";
import { auditPosts, type PostAudit, viewsInPostgres } from "./lib/losses";
import { type Article, MixedLoad } from "./lib/mixed-load";
import type { PrivateSite } from "./lib/private-site";
import { startServer } from "./lib/server";
import { SseClients, type StreamStats } from "./lib/sse-clients";

const BEFORE_MS = 8_000;
const AFTER_MS = 10_000;
const STREAMS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runScenario(
  site: PrivateSite,
  fault: Fault,
  articles: Article[],
): Promise<ScenarioResult> {
  await site.redis.command("FLUSHALL"); // the private server's: each fault starts from a cold cache
  const viewsBefore = await viewsInPostgres(site);
  const server = await startServer(site.appEnv);
  const load = new MixedLoad(server.origin, site.writer.headers, articles);
  const streams = new SseClients(server.origin, STREAMS);
  let window: [number, number] = [0, 0];
  let streamStats: StreamStats;
  try {
    streams.start();
    load.start();
    await sleep(BEFORE_MS);
    const faultStart = Date.now();
    await fault.inject(site);
    window = [faultStart, Date.now() + RECOVERY_MS];
    await sleep(AFTER_MS);
  } finally {
    await load.stop();
    streamStats = await streams.stop();
    await server.stop("SIGTERM");
  }
  const { acknowledged, unacknowledged } = load.tally.posts();
  return summarise(fault.name, load.tally, streamStats, articles.length, window, {
    counted: (await viewsInPostgres(site)) - viewsBefore,
    posts: await auditPosts(site, acknowledged, unacknowledged),
  });
}

function summarise(
  name: string,
  tally: LoadTally,
  streams: StreamStats,
  articles: number,
  [from, to]: [number, number],
  found: { counted: number; posts: PostAudit },
): ScenarioResult {
  const { sent, acknowledged } = tally.views();
  const is503 = (status: number | string) => status === 503;
  return {
    name,
    tally,
    streams,
    articles,
    unanswered: tally.failedCount((s) => typeof s !== "number"),
    serverErrors: tally.failedCount((s) => typeof s === "number" && s >= 500),
    unavailable: tally.failedCount(is503),
    // A request already on its way when the fault began may meet it: outside means answered
    // before the fault, or sent after the recovery.
    unavailableOutside: tally.records.filter(
      (r) => is503(r.status) && (r.at + r.ms < from || r.at > to),
    ).length,
    longestMs: tally.latency().max,
    longestReadMs: Math.max(...(["page", "api", "view"] as const).map((k) => tally.latency(k).max)),
    views: {
      sent,
      acknowledged,
      counted: found.counted,
      lost: Math.max(0, acknowledged - found.counted),
    },
    posts: { ...found.posts, acknowledged: tally.posts().acknowledged.length },
  };
}
