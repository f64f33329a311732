import type { NamespaceStats } from "@/lib/admin/namespaces";
import { hitRate, keysInDb, type RedisFigures } from "@/lib/admin/redis-info";
import { parseObject } from "@/lib/util/parse-object";

// One minute's reading of the cache: cumulative counters (so a chart can show what happened
// between two readings) and levels (keys, memory) as they were at that moment.
export type Sample = {
  at: number;
  /** Hits and stale hits of the app's caches, summed over namespaces, since the counters began. */
  appServed: number;
  appMisses: number;
  /** INFO keyspace_hits / keyspace_misses (the whole server) since Redis started. */
  keyspaceHits: number;
  keyspaceMisses: number;
  /** Keys in the app's DB. */
  keys: number;
  usedMemory: number;
  opsPerSecond: number;
};

export function sampleFrom(
  figures: RedisFigures,
  stats: NamespaceStats[],
  db: number,
  at: number,
): Sample {
  const sum = (pick: (s: NamespaceStats) => number | null) =>
    stats.reduce((total, s) => total + (pick(s) ?? 0), 0);
  return {
    at,
    appServed: sum((s) => (s.hits ?? 0) + (s.stale ?? 0)),
    appMisses: sum((s) => s.misses),
    keyspaceHits: figures.keyspaceHits,
    keyspaceMisses: figures.keyspaceMisses,
    keys: keysInDb(figures, db),
    usedMemory: figures.usedMemory,
    opsPerSecond: figures.opsPerSecond,
  };
}

// What the chart and the JSON API show: rates over the interval since the previous reading.
export type Point = {
  at: number;
  keys: number;
  usedMemory: number;
  opsPerSecond: number;
  /** The app's cache lookups per minute over the interval, and the share served from the cache. */
  appLookupsPerMinute: number | null;
  appHitRate: number | null;
  keyspaceHitRate: number | null;
  /** The reading taken for this request, not a stored sample. */
  live: boolean;
};

// Over a few seconds a rate says little; the live reading just after a stored one has none.
const MIN_INTERVAL_MS = 5_000;
const perMinute = (count: number, ms: number) =>
  ms >= MIN_INTERVAL_MS ? Math.round((count * 60_000) / ms) : null;

// A counter lower than before was reset (a Redis restart, the stats key lost): count from zero.
const since = (now: number, before: number) => (now >= before ? now - before : now);

export function toPoints(samples: Sample[], live?: Sample): Point[] {
  const all = live ? [...samples, live] : samples;
  return all.map((sample, i) => {
    const previous = all[i - 1];
    const levels = {
      at: sample.at,
      keys: sample.keys,
      usedMemory: sample.usedMemory,
      opsPerSecond: sample.opsPerSecond,
      live: sample === live,
    };
    if (!previous)
      return { ...levels, appLookupsPerMinute: null, appHitRate: null, keyspaceHitRate: null };
    const served = since(sample.appServed, previous.appServed);
    const misses = since(sample.appMisses, previous.appMisses);
    return {
      ...levels,
      appLookupsPerMinute: perMinute(served + misses, sample.at - previous.at),
      appHitRate: hitRate(served, misses),
      keyspaceHitRate: hitRate(
        since(sample.keyspaceHits, previous.keyspaceHits),
        since(sample.keyspaceMisses, previous.keyspaceMisses),
      ),
    };
  });
}

const NUMBER_FIELDS = [
  "at",
  "appServed",
  "appMisses",
  "keyspaceHits",
  "keyspaceMisses",
  "keys",
  "usedMemory",
  "opsPerSecond",
] as const;

/** A stored sample, or null for anything else found under the key. */
export function parseSample(text: string): Sample | null {
  const record = parseObject(text);
  if (!record) return null;
  return NUMBER_FIELDS.every((field) => Number.isFinite(record[field])) ? (record as Sample) : null;
}
