import { Counter, Histogram, Registry } from "prom-client";
import { remember } from "@/lib/util/remember";
import { BucketHistogram } from "./bucket-histogram";

// The process's Prometheus registry, and the measurements taken where things happen: a loader's
// duration in the caches (lib/blog-cache/caches.ts), a page's answer in the page cache
// (lib/page-cache/index.ts), a Redis command's round trip (./redis.ts), a rate limit's decision
// (lib/rate-limit/limiters.ts), a flush of views (lib/domains/view-counts/flush.ts).
// GET /api/metrics (lib/admin/metrics.ts) adds what it reads at scrape time and writes them all
// out. One per process, whichever bundle asks: server.ts's page cache and Next's routes share it.

const SECONDS = (ms: number) => ms / 1000;

function create() {
  const registry = new Registry();
  return {
    registry,
    loaderSeconds: new Histogram({
      name: "blog_cache_loader_duration_seconds",
      help: "How long a cache's loader took (what a miss computes), by namespace; this process's.",
      labelNames: ["namespace"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    pageSeconds: new BucketHistogram(
      "blog_page_cache_answer_duration_seconds",
      "How long the page cache took to answer, by outcome (HIT, STALE, MISS with its render, BYPASS up to Next); this process's.",
      "outcome",
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registry,
    ),
    redisSeconds: new BucketHistogram(
      "blog_redis_command_duration_seconds",
      "Redis commands from sent to answered (or failed), by command name; this process's.",
      "command",
      [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registry,
    ),
    viewFlushes: new Counter({
      name: "blog_view_flushes_total",
      help: "Batches of pending views moved to Postgres (flushed), or that failed and wait for the next sweep (failed); this process's.",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    viewsFlushed: new Counter({
      name: "blog_views_flushed_total",
      help: "Views moved from Redis to Postgres by the write-behind; this process's.",
      registers: [registry],
    }),
    rateLimitDecisions: new Counter({
      name: "blog_rate_limit_decisions_total",
      help: "Rate-limit decisions by limiter, outcome (allowed, refused) and where they were made (redis, or memory while Redis is away); this process's.",
      labelNames: ["limiter", "outcome", "store"],
      registers: [registry],
    }),
  };
}

// Kept here once made: observed on every request, where remember()'s lookup would cost more.
let made: ReturnType<typeof create> | undefined;
export const metrics = () => (made ??= remember("metrics", create));

export const observeLoader = (namespace: string) => (ms: number) =>
  metrics().loaderSeconds.observe({ namespace }, SECONDS(ms));

// Observed on every page-cache answer and every Redis command (./bucket-histogram.ts says why).
export const observePageAnswer = (outcome: string, ms: number) =>
  metrics().pageSeconds.observe(outcome, SECONDS(ms));

export const observeRedisCommand = (command: string, ms: number) =>
  metrics().redisSeconds.observe(command, SECONDS(ms));

export function countViewFlush(outcome: "flushed" | "failed", views = 0): void {
  metrics().viewFlushes.inc({ outcome });
  if (views > 0) metrics().viewsFlushed.inc(views);
}

export const countRateLimitDecision = (limiter: string, allowed: boolean, store: string) =>
  metrics().rateLimitDecisions.inc({ limiter, outcome: allowed ? "allowed" : "refused", store });
