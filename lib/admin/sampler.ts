import "server-only";
import { namespaceStats } from "@/lib/admin/namespaces";
import { readRedisFigures } from "@/lib/admin/node-figures";
import { dbOf } from "@/lib/admin/redis-info";
import { parseSample, type Sample, sampleFrom } from "@/lib/admin/samples";
import { caches } from "@/lib/blog-cache/caches";
import type { Cache } from "@/lib/cache";
import { cacheRedis } from "@/lib/platform/redis";
import { ThrottledLog } from "@/lib/redis";
import type { RedisClient } from "@/lib/redis/client";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";
import { remember } from "@/lib/util/remember";

// The chart's history: one sample a minute, whichever process takes that minute's lock first,
// kept in a sorted set scored by time and bounded three ways (age, count, TTL), so it can never
// grow and it vanishes by itself when no process samples any more.
export const SAMPLES_KEY = "admin:cache:samples";
export const SAMPLE_LOCK_PREFIX = "admin:cache:sample-lock:";
export const SAMPLES_KEPT = 60;
export const SAMPLE_WINDOW_MS = 60 * 60_000;
const MINUTE = 60_000;

export type SamplerOptions = {
  client: RedisClient;
  caches: Cache[];
  key?: string;
  lockPrefix?: string;
  keep?: number;
  now?: number;
};

export async function collectSample(
  client: RedisClient,
  cacheList: Cache[],
  at: number,
): Promise<Sample> {
  const [figures, stats] = await Promise.all([readRedisFigures(client), namespaceStats(cacheList)]);
  return sampleFrom(figures, stats, dbOf(client), at);
}

/** Takes this minute's sample unless another process has; true if this call took it. */
export async function recordSampleIfDue(options: SamplerOptions): Promise<boolean> {
  const {
    client,
    key = SAMPLES_KEY,
    lockPrefix = SAMPLE_LOCK_PREFIX,
    keep = SAMPLES_KEPT,
    now = Date.now(),
  } = options;
  const minuteStart = Math.floor(now / MINUTE) * MINUTE;
  const taken = await client.set(
    `${lockPrefix}${minuteStart / MINUTE}`,
    String(process.pid),
    "EX",
    120,
    "NX",
  );
  if (!taken) return false;
  const sample = await collectSample(client, options.caches, minuteStart);
  await client
    .multi()
    .zadd(key, minuteStart, JSON.stringify(sample))
    .zremrangebyscore(key, "-inf", `(${minuteStart - SAMPLE_WINDOW_MS}`)
    .zremrangebyrank(key, 0, -(keep + 1))
    .pexpire(key, 2 * SAMPLE_WINDOW_MS)
    .exec();
  return true;
}

/** The samples of the last hour, oldest first. */
export async function readSamples(
  client: RedisClient,
  options: { key?: string; now?: number } = {},
): Promise<Sample[]> {
  const { key = SAMPLES_KEY, now = Date.now() } = options;
  const texts = await client.zrangebyscore(key, now - SAMPLE_WINDOW_MS, "+inf");
  return texts.map(parseSample).filter((sample): sample is Sample => sample !== null);
}

/** One timer per process; each tick tries for the current minute, so one process samples it. */
export function startCacheSampler(tickMs = 15_000): void {
  remember("cacheSampler", () => {
    const log = new ThrottledLog(logger, { intervalMs: 10 * MINUTE });
    const tick = () =>
      void recordSampleIfDue({ client: cacheRedis(), caches: Object.values(caches()) }).catch(
        (error) => log.warn("sample", "cache sample skipped", { error: errorMessage(error) }),
      );
    tick();
    return setInterval(tick, tickMs).unref();
  });
}
