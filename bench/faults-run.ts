// One fault under load: a fresh server on the private site, the mixed load and a few event
// streams, the fault in the middle, then the server stopped with SIGTERM (its final flush of
// views) and what was lost read from Postgres. The stage says what "a fresh server" is: one app
// server on a redis-server for bench:faults, nginx and two app processes on a Redis Cluster for
// bench:failover.
import type { ScenarioResult } from "./faults-list";
import { RECOVERY_MS } from "./faults-list";
import type { LoadTally } from "./lib/load-tally";
import { auditPosts, type PostAudit, viewsInPostgres } from "./lib/losses";
import { type Article, MixedLoad } from "./lib/mixed-load";
import type { PrivateSite, SiteRedis } from "./lib/private-site";
import { type RunningServer, startServer } from "./lib/server";
import { SseClients, type StreamStats } from "./lib/sse-clients";

const BEFORE_MS = 8_000;
const AFTER_MS = 10_000;
const STREAMS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where a scenario runs: the site's database and writer, its Redis emptied, a server started. */
export type Stage = {
  site: PrivateSite<SiteRedis>;
  /** Empties the site's Redis: each scenario starts from a cold cache. */
  flush: () => Promise<void>;
  /** Starts what the load and the event streams are sent to; stopped with SIGTERM at the end. */
  serve: () => Promise<RunningServer>;
};

/** bench:faults' stage: one app server on the private redis-server. */
export function oneServer(site: PrivateSite): Stage {
  return {
    site,
    flush: async () => void (await site.redis.command("FLUSHALL")),
    serve: () => startServer(site.appEnv),
  };
}

/** Runs the load with `inject` in its middle; the result, and what `inject` measured. */
export async function runScenario<T>(
  { site, flush, serve }: Stage,
  name: string,
  inject: (server: RunningServer) => Promise<T>,
  articles: Article[],
): Promise<[ScenarioResult, T]> {
  await flush();
  const viewsBefore = await viewsInPostgres(site);
  const server = await serve();
  const load = new MixedLoad(server.origin, site.writer.headers, articles);
  const streams = new SseClients(server.origin, STREAMS);
  let window: [number, number] = [0, 0];
  let streamStats: StreamStats;
  let injected: T;
  try {
    streams.start();
    load.start();
    await sleep(BEFORE_MS);
    const faultStart = Date.now();
    injected = await inject(server);
    window = [faultStart, Date.now() + RECOVERY_MS];
    await sleep(AFTER_MS);
  } finally {
    await load.stop();
    streamStats = await streams.stop();
    await server.stop("SIGTERM");
  }
  const { acknowledged, unacknowledged } = load.tally.posts();
  const result = summarise(name, load.tally, streamStats, articles.length, window, {
    counted: (await viewsInPostgres(site)) - viewsBefore,
    posts: await auditPosts(site, acknowledged, unacknowledged),
  });
  return [result, injected];
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
