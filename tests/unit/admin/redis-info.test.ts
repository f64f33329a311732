import { describe, expect, it } from "vitest";
import {
  hitRate,
  keysInDb,
  parseInfo,
  type RedisFigures,
  redisFigures,
  sumFigures,
} from "@/lib/admin/redis-info";

const INFO = [
  "# Server",
  "redis_version:7.2.4",
  "uptime_in_seconds:93784",
  "# Clients",
  "connected_clients:12",
  "# Memory",
  "used_memory:1048576",
  "used_memory_human:1.00M",
  "maxmemory:0",
  "maxmemory_human:0B",
  "# Stats",
  "total_connections_received:345",
  "total_commands_processed:98765",
  "instantaneous_ops_per_sec:321",
  "keyspace_hits:900",
  "keyspace_misses:100",
  "expired_keys:7",
  "evicted_keys:0",
  "# Keyspace",
  "db0:keys=1500,expires=1200,avg_ttl=300",
  "db15:keys=42,expires=40,avg_ttl=0",
  "",
].join("\r\n");

describe("INFO figures", () => {
  it("reads the figures the admin page shows", () => {
    const figures = redisFigures(parseInfo(INFO));
    expect(figures).toEqual({
      version: "7.2.4",
      uptimeSeconds: 93_784,
      connectedClients: 12,
      connectionsReceived: 345,
      commandsProcessed: 98_765,
      opsPerSecond: 321,
      usedMemory: 1_048_576,
      usedMemoryHuman: "1.00M",
      maxMemory: 0,
      maxMemoryHuman: "no limit",
      keyspaceHits: 900,
      keyspaceMisses: 100,
      expiredKeys: 7,
      evictedKeys: 0,
      databases: [
        { db: 0, keys: 1500, expires: 1200 },
        { db: 15, keys: 42, expires: 40 },
      ],
    });
    expect(keysInDb(figures, 15)).toBe(42);
    expect(keysInDb(figures, 3)).toBe(0);
  });

  it("gives a hit rate only when there were lookups", () => {
    expect(hitRate(900, 100)).toBe(0.9);
    expect(hitRate(0, 0)).toBeNull();
  });

  it("survives fields it does not know and values that are not numbers", () => {
    const figures = redisFigures(
      parseInfo("weird line\nconnected_clients:lots\nredis_version:8.0.0\n"),
    );
    expect(figures.connectedClients).toBe(0);
    expect(figures.version).toBe("8.0.0");
    expect(figures.databases).toEqual([]);
  });
});

describe("a Cluster's figures", () => {
  const master = (changes: Partial<RedisFigures>): RedisFigures => ({
    ...redisFigures(parseInfo(INFO)),
    maxMemory: 100 * 1024 * 1024,
    maxMemoryHuman: "100.00M",
    ...changes,
  });

  it("are its masters' summed, keys by DB, uptime the youngest master's", () => {
    const sum = sumFigures([
      master({ uptimeSeconds: 500, opsPerSecond: 10, usedMemory: 1_048_576 }),
      master({ uptimeSeconds: 90, opsPerSecond: 20, usedMemory: 2_097_152 }),
      master({ databases: [{ db: 0, keys: 7, expires: 1 }], keyspaceHits: 1 }),
    ]);
    expect(sum).toMatchObject({
      version: "7.2.4",
      uptimeSeconds: 90,
      connectedClients: 36,
      commandsProcessed: 3 * 98_765,
      opsPerSecond: 10 + 20 + 321,
      usedMemory: 4_194_304,
      usedMemoryHuman: "4.00M",
      maxMemory: 300 * 1024 * 1024,
      maxMemoryHuman: "300.00M",
      keyspaceHits: 1_801,
      keyspaceMisses: 300,
      expiredKeys: 21,
      databases: [
        { db: 0, keys: 3_007, expires: 2_401 },
        { db: 15, keys: 84, expires: 80 },
      ],
    });
    expect(keysInDb(sum, 0)).toBe(3_007);
  });

  it("have no memory limit when one master has none, and name every version they run", () => {
    const sum = sumFigures([
      master({ version: "7.2.4" }),
      master({ maxMemory: 0, version: "7.4.1" }),
    ]);
    expect(sum.maxMemoryHuman).toBe("no limit");
    expect(sum.version).toBe("7.2.4 / 7.4.1");
  });

  it("of one server are that server's, as INFO wrote them", () => {
    const one = redisFigures(parseInfo(INFO));
    expect(sumFigures([one])).toBe(one);
  });
});
