import type { Redis } from "ioredis";
import type { RedisClient } from "@/lib/redis/client";

// The figures an operator reads first, from one INFO call per server (O(1) for Redis, a few kB of
// text); on a Cluster, summed over its masters (sumFigures), whose reading is node-figures.ts.
export type RedisFigures = {
  version: string;
  uptimeSeconds: number;
  connectedClients: number;
  connectionsReceived: number;
  commandsProcessed: number;
  opsPerSecond: number;
  usedMemory: number;
  usedMemoryHuman: string;
  /** 0: no limit. */
  maxMemory: number;
  maxMemoryHuman: string;
  keyspaceHits: number;
  keyspaceMisses: number;
  expiredKeys: number;
  evictedKeys: number;
  databases: { db: number; keys: number; expires: number }[];
};

/** INFO's `field:value` lines, sections and comments left out. */
export function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith("#")) continue;
    const colon = line.indexOf(":");
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}

export function redisFigures(info: Map<string, string>): RedisFigures {
  const number = (field: string) => Number(info.get(field) ?? 0) || 0;
  const databases = [...info]
    .filter(([field]) => /^db\d+$/.test(field))
    .map(([field, value]) => {
      const counts = Object.fromEntries(value.split(",").map((pair) => pair.split("=")));
      return {
        db: Number(field.slice(2)),
        keys: Number(counts.keys ?? 0),
        expires: Number(counts.expires ?? 0),
      };
    })
    .sort((a, b) => a.db - b.db);
  return {
    version: info.get("redis_version") ?? "unknown",
    uptimeSeconds: number("uptime_in_seconds"),
    connectedClients: number("connected_clients"),
    connectionsReceived: number("total_connections_received"),
    commandsProcessed: number("total_commands_processed"),
    opsPerSecond: number("instantaneous_ops_per_sec"),
    usedMemory: number("used_memory"),
    usedMemoryHuman: info.get("used_memory_human") ?? "?",
    maxMemory: number("maxmemory"),
    maxMemoryHuman: number("maxmemory") === 0 ? "no limit" : (info.get("maxmemory_human") ?? "?"),
    keyspaceHits: number("keyspace_hits"),
    keyspaceMisses: number("keyspace_misses"),
    expiredKeys: number("expired_keys"),
    evictedKeys: number("evicted_keys"),
    databases,
  };
}

/**
 * A Cluster's figures: its masters' summed (each holds its own share of the keys and serves its
 * own commands; replicas hold copies, so they are left out). Its uptime is the youngest master's,
 * the time its counters cover. One server's figures are returned as they are.
 */
export function sumFigures(each: RedisFigures[]): RedisFigures {
  if (each.length === 1) return each[0];
  const total = (pick: (figures: RedisFigures) => number) =>
    each.reduce((sum, figures) => sum + pick(figures), 0);
  const usedMemory = total((f) => f.usedMemory);
  // One master without a limit can take what the others leave: the Cluster has none either.
  const maxMemory = each.some((f) => f.maxMemory === 0) ? 0 : total((f) => f.maxMemory);
  return {
    version: [...new Set(each.map((f) => f.version))].join(" / "),
    uptimeSeconds: Math.min(...each.map((f) => f.uptimeSeconds)),
    connectedClients: total((f) => f.connectedClients),
    connectionsReceived: total((f) => f.connectionsReceived),
    commandsProcessed: total((f) => f.commandsProcessed),
    opsPerSecond: total((f) => f.opsPerSecond),
    usedMemory,
    usedMemoryHuman: humanBytes(usedMemory),
    maxMemory,
    maxMemoryHuman: maxMemory === 0 ? "no limit" : humanBytes(maxMemory),
    keyspaceHits: total((f) => f.keyspaceHits),
    keyspaceMisses: total((f) => f.keyspaceMisses),
    expiredKeys: total((f) => f.expiredKeys),
    evictedKeys: total((f) => f.evictedKeys),
    databases: sumDatabases(each.flatMap((f) => f.databases)),
  };
}

function sumDatabases(all: RedisFigures["databases"]): RedisFigures["databases"] {
  const byDb = new Map<number, { db: number; keys: number; expires: number }>();
  for (const { db, keys, expires } of all) {
    const entry = byDb.get(db) ?? { db, keys: 0, expires: 0 };
    entry.keys += keys;
    entry.expires += expires;
    byDb.set(db, entry);
  }
  return [...byDb.values()].sort((a, b) => a.db - b.db);
}

// As INFO writes used_memory_human, so that one server's figure and a Cluster's sum read alike.
function humanBytes(bytes: number): string {
  const units = ["B", "K", "M", "G", "T", "P"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes}B` : `${value.toFixed(2)}${units[unit]}`;
}

/** Share of key lookups (GET and the like, every DB, every client) that found their key. */
export function hitRate(hits: number, misses: number): number | null {
  const lookups = hits + misses;
  return lookups > 0 ? hits / lookups : null;
}

/** The DB index the client works in (the path of REDIS_URL; a Cluster has DB 0 only). */
export const dbOf = (client: RedisClient): number =>
  client.isCluster ? 0 : ((client as Redis).options.db ?? 0);

export function keysInDb(figures: RedisFigures, db: number): number {
  return figures.databases.find((entry) => entry.db === db)?.keys ?? 0;
}
