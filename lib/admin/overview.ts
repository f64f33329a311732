// The admin cache page's server side (/admin/cache, docs/decisions/009-admin-cache-page.md). Above
// the domains, beside lib/blog/: reads lib/blog-cache/'s caches, lib/next-cache/'s store,
// lib/realtime/'s stats and the users domain, and operations.ts runs lib/blog/'s warming. Used by app/admin/cache/**, GET /api/admin/cache/stats,
// components/admin/ and instrumentation-node.ts (the sampler).
//   overview.ts       cacheOverview: what the page shows above the key browser (this file)
//   redis-info.ts     INFO parsed into RedisFigures, a Cluster's summed; hit rate; keys in a DB
//   node-figures.ts   INFO from every node (masters and replicas): the node table and the sums
//   nodes.ts          the servers behind a client, in a stable order; a deadline for each
//   namespaces.ts     namespaceOf(key), the grouping rule; each cache's shared hit/miss figures
//   memory.ts         "where is the memory": SCAN up to 2,000 keys, MEMORY USAGE by namespace
//   sampler.ts        the chart's history: one sample a minute (a lock per minute), bounded ZSET
//   samples.ts        what a sample holds, and the chart's points (rates between two samples)
//   key-browser.ts    browseKeys: SCAN MATCH a page at a time, COUNT adapted; TYPE, PTTL, memory
//   key-cursor.ts     the key browser's cursor: which master, and that master's SCAN cursor
//   key-inspect.ts    inspectKey: "debug a key", bounded whatever it holds (GETRANGE, HSCAN...)
//   value-preview.ts  a value made readable: cache entry, JSON, text or hex dump
//   printable.ts      control and invisible characters escaped, long text cut; asText, hexDump
//   key-ref.ts        a key (any bytes) in a URL as ?key= or ?hex=, and back
//   format.ts         bytes, percentages, counts, durations, TTLs and clock times for the page
//   guard.ts          assertAdmin for lib calls; adminForPage (sign-in redirect, or 403) for pages
//   operations.ts     each action (clear, delete a key, warm, flush views): check, act, record
//   clear.ts          what may be cleared: a cache namespace, all of them, sessions, rate limits
//   mutations.ts      recordAdminAction: one admin_actions row per action
//   queries.ts        latestAdminActions: the audit log, newest first
// This file: everything the admin cache page shows above the key browser, and what
// GET /api/admin/cache/stats answers. Its cost does not grow with the keyspace: one INFO per
// node (one, on a single Redis), one HGETALL per cache namespace, one ZRANGEBYSCORE of at most 60 samples, and a memory sample of
// at most 2,000 keys.
import "server-only";
import { type MemorySample, sampleMemory } from "@/lib/admin/memory";
import { type NamespaceStats, namespaceStats, type StatsSource } from "@/lib/admin/namespaces";
import { type NodeRow, readServerFigures } from "@/lib/admin/node-figures";
import { dbOf, hitRate, keysInDb, type RedisFigures } from "@/lib/admin/redis-info";
import { readSamples } from "@/lib/admin/sampler";
import { type Point, sampleFrom, toPoints } from "@/lib/admin/samples";
import { caches } from "@/lib/blog-cache/caches";
import { nextCacheStore } from "@/lib/next-cache/app-store";
import { cacheRedis } from "@/lib/platform/redis";
import { type RealtimeStats, realtimeStats } from "@/lib/realtime/stats";
import type { RedisClient } from "@/lib/redis/client";

export type CacheOverview = {
  at: string;
  db: number;
  /** A Redis Cluster (its figures are its masters' summed), or one Redis server. */
  cluster: boolean;
  redis: RedisFigures;
  /** Each server: masters, each followed by its replicas (one row on a single Redis). */
  nodes: NodeRow[];
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
  options: { client?: RedisClient; caches?: StatsSource[]; now?: number; memoryKeys?: number } = {},
): Promise<CacheOverview> {
  // Next's own cache ('use cache', ISR) is a namespace of its own: next-cache.
  const {
    client = cacheRedis(),
    caches: cacheList = [...Object.values(caches()), nextCacheStore().access],
    now = Date.now(),
  } = options;
  const db = dbOf(client);
  const [{ redis: figures, nodes }, stats, stored, memory] = await Promise.all([
    readServerFigures(client),
    namespaceStats(cacheList),
    readSamples(client, { now }),
    sampleMemory(client, { maxKeys: options.memoryKeys }),
  ]);
  return {
    at: new Date(now).toISOString(),
    db,
    cluster: client.isCluster,
    redis: figures,
    nodes,
    keyCount: keysInDb(figures, db),
    keyspaceHitRate: hitRate(figures.keyspaceHits, figures.keyspaceMisses),
    namespaces: stats,
    memory,
    samples: toPoints(stored, sampleFrom(figures, stats, db, now)),
    realtime: realtimeStats(),
  };
}
