import type { Redis } from "ioredis";
import type { RedisClient } from "@/lib/redis/client";

// The figures an operator reads first, from one INFO call (O(1) for Redis, a few kB of text).
export type RedisFigures = {
  version: string;
  uptimeSeconds: number;
  connectedClients: number;
  connectionsReceived: number;
  commandsProcessed: number;
  opsPerSecond: number;
  usedMemory: number;
  usedMemoryHuman: string;
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
    maxMemoryHuman: number("maxmemory") === 0 ? "no limit" : (info.get("maxmemory_human") ?? "?"),
    keyspaceHits: number("keyspace_hits"),
    keyspaceMisses: number("keyspace_misses"),
    expiredKeys: number("expired_keys"),
    evictedKeys: number("evicted_keys"),
    databases,
  };
}

/** Share of key lookups (GET and the like, every DB, every client) that found their key. */
export function hitRate(hits: number, misses: number): number | null {
  const lookups = hits + misses;
  return lookups > 0 ? hits / lookups : null;
}

export async function readRedisFigures(client: RedisClient): Promise<RedisFigures> {
  return redisFigures(parseInfo(await client.info()));
}

/** The DB index the client works in (the path of REDIS_URL; a Cluster has DB 0 only). */
export const dbOf = (client: RedisClient): number =>
  client.isCluster ? 0 : ((client as Redis).options.db ?? 0);

export function keysInDb(figures: RedisFigures, db: number): number {
  return figures.databases.find((entry) => entry.db === db)?.keys ?? 0;
}
