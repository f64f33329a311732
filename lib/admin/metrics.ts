import "server-only";
import { Counter, collectDefaultMetrics, Gauge, type Registry } from "prom-client";
import { caches } from "@/lib/blog-cache/caches";
import { DIRTY_SET } from "@/lib/domains/view-counts/keys";
import { nextCacheStore } from "@/lib/next-cache/app-store";
import { metrics } from "@/lib/platform/metrics";
import { redis } from "@/lib/platform/redis";
import { realtimeStats } from "@/lib/realtime/stats";
import { breakerStates } from "@/lib/redis";
import { remember } from "@/lib/util/remember";
import { type NamespaceStats, namespaceStats, type StatsSource } from "./namespaces";

// GET /api/metrics in Prometheus' text format: the figures of the admin page, for a scraper.
// Cache figures are the shared statistics every process adds to in Redis (lib/cache/stats.ts), so
// one scrape of any process sees the whole site; the rest is this process's own. Labels are
// bounded: a cache namespace (a dozen, named in code) and a result, never a key, a path or a user.

const sources = (): StatsSource[] => [...Object.values(caches()), nextCacheStore().access];

// The shared statistics as read for the scrape under way (metricsText reads them once).
let figures: NamespaceStats[] = [];

function cacheCounter(
  registry: Registry,
  name: string,
  help: string,
  values: (one: NamespaceStats) => [labels: Record<string, string>, value: number | null][],
): void {
  new Counter({
    name,
    help,
    labelNames: name === "blog_cache_lookups_total" ? ["namespace", "result"] : ["namespace"],
    registers: [registry],
    collect() {
      this.reset();
      for (const one of figures)
        for (const [labels, value] of values(one))
          if (value !== null) this.inc({ namespace: one.namespace, ...labels }, value);
    },
  });
}

function cacheCounters(registry: Registry): void {
  cacheCounter(
    registry,
    "blog_cache_lookups_total",
    "Cache lookups by namespace and result (hit, stale, miss), summed over every process.",
    (one) => [
      [{ result: "hit" }, one.hits],
      [{ result: "stale" }, one.stale],
      [{ result: "miss" }, one.misses],
    ],
  );
  cacheCounter(
    registry,
    "blog_cache_loader_calls_total",
    "Loader calls (what a miss computes) by cache namespace, summed over every process.",
    (one) => [[{}, one.loaderCalls]],
  );
  cacheCounter(
    registry,
    "blog_cache_errors_total",
    "Cache commands that failed open (Redis unreachable or slow), by namespace.",
    (one) => [[{}, one.errors]],
  );
}

const BREAKER_STATES = ["closed", "open", "half-open"] as const;

function processGauges(registry: Registry): void {
  new Gauge({
    name: "blog_redis_breaker_state",
    help: "Each Redis circuit breaker of this process: 1 for the state it is in (closed: Redis is asked; open: skipped; half-open: one probe may ask), 0 for the others.",
    labelNames: ["breaker", "state"],
    registers: [registry],
    collect() {
      this.reset();
      for (const { name, state } of breakerStates())
        for (const one of BREAKER_STATES)
          this.set({ breaker: name, state: one }, one === state ? 1 : 0);
    },
  });
  new Gauge({
    name: "blog_sse_streams_open",
    help: "Server-Sent Events streams this process is serving.",
    registers: [registry],
    collect() {
      this.set(realtimeStats().connections);
    },
  });
  new Gauge({
    name: "blog_views_pending_posts",
    help: "Posts with views counted in Redis and not yet moved to Postgres.",
    registers: [registry],
    async collect() {
      this.set(
        await redis()
          .scard(DIRTY_SET)
          .catch(() => Number.NaN),
      );
    },
  });
}

// The process's registry (lib/platform/metrics.ts, with the histograms), with what is read at scrape
// time added once.
function metricsRegistry(): Registry {
  return remember("metricsCollectors", () => {
    const { registry } = metrics();
    collectDefaultMetrics({ register: registry });
    cacheCounters(registry);
    processGauges(registry);
    return registry;
  });
}

/** The text a scrape gets, and its content type. */
export async function metricsText(): Promise<{ body: string; contentType: string }> {
  const registry = metricsRegistry();
  figures = await namespaceStats(sources());
  return { body: await registry.metrics(), contentType: registry.contentType };
}
