import "server-only";
import type { Redis } from "ioredis";
import { caches } from "@/lib/blog-cache/caches";
import { type MemorySample, sampleMemory } from "@/lib/domains/admin/memory";
import {
  type NamespaceStats,
  namespaceStats,
  type StatsSource,
} from "@/lib/domains/admin/namespaces";
import {
  dbOf,
  hitRate,
  keysInDb,
  type RedisFigures,
  readRedisFigures,
} from "@/lib/domains/admin/redis-info";
import { readSamples } from "@/lib/domains/admin/sampler";
import { type Point, sampleFrom, toPoints } from "@/lib/domains/admin/samples";
import { nextCacheStore } from "@/lib/next-cache/app-store";
import { redis } from "@/lib/platform/redis";
import { type RealtimeStats, realtimeStats } from "@/lib/realtime/stats";

// Everything the admin cache page shows above the key browser, and what
// GET /api/admin/cache/stats answers. Its cost does not grow with the keyspace: one INFO, one
// HGETALL per cache namespace, one ZRANGEBYSCORE of at most 60 samples, and a memory sample of
// at most 2,000 keys.
export type CacheOverview = {
  at: string;
  db: number;
  redis: RedisFigures;
  /** Keys in the app's DB. */
  keyCount: number;
  keyspaceHitRate: number | null;
  namespaces: NamespaceStats[];
  memory: MemorySample;
  /** The last hour, one point a minute, then a live point for this request. */
  samples: Point[];
  realtime: RealtimeStats;
};

export async function cacheOverview(
  options: { client?: Redis; caches?: StatsSource[]; now?: number; memoryKeys?: number } = {},
): Promise<CacheOverview> {
  // Next's own cache ('use cache', ISR) is a namespace of its own: next-cache.
  const {
    client = redis(),
    caches: cacheList = [...Object.values(caches()), nextCacheStore().access],
    now = Date.now(),
  } = options;
  const db = dbOf(client);
  const [figures, stats, stored, memory] = await Promise.all([
    readRedisFigures(client),
    namespaceStats(cacheList),
    readSamples(client, { now }),
    sampleMemory(client, { maxKeys: options.memoryKeys }),
  ]);
  return {
    at: new Date(now).toISOString(),
    db,
    redis: figures,
    keyCount: keysInDb(figures, db),
    keyspaceHitRate: hitRate(figures.keyspaceHits, figures.keyspaceMisses),
    namespaces: stats,
    memory,
    samples: toPoints(stored, sampleFrom(figures, stats, db, now)),
    realtime: realtimeStats(),
  };
}
