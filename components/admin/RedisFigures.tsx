import { formatCount, formatDuration, formatPercent } from "@/lib/admin/format";
import type { CacheOverview } from "@/lib/admin/overview";

// The INFO figures, each with a test id so tests can watch them move. On a Cluster they are its
// masters' summed, and its uptime is the youngest master's (lib/admin/redis-info.ts).
export function RedisFigures({ overview }: { overview: CacheOverview }) {
  const { redis, keyCount, db, keyspaceHitRate, realtime, cluster } = overview;
  const figures = [
    { id: "commands", label: "Commands processed", value: formatCount(redis.commandsProcessed) },
    { id: "ops", label: "Ops per second", value: formatCount(redis.opsPerSecond) },
    {
      id: "connections",
      label: "Connections received",
      value: formatCount(redis.connectionsReceived),
    },
    { id: "clients", label: "Connected clients", value: formatCount(redis.connectedClients) },
    {
      id: "memory",
      label: "Used memory",
      value: redis.usedMemoryHuman,
      hint: `max: ${redis.maxMemoryHuman}`,
    },
    { id: "keys", label: `Keys in DB ${db}`, value: formatCount(keyCount) },
    {
      id: "keyspace-hit-rate",
      label: "Keyspace hit rate",
      value: formatPercent(keyspaceHitRate),
      hint: cluster ? "every master, since each started" : "whole server, since start",
    },
    {
      id: "uptime",
      label: "Uptime",
      value: formatDuration(redis.uptimeSeconds),
      hint: cluster ? `youngest master, Redis ${redis.version}` : `Redis ${redis.version}`,
    },
    {
      id: "expired",
      label: "Expired / evicted keys",
      value: `${formatCount(redis.expiredKeys)} / ${formatCount(redis.evictedKeys)}`,
    },
    { id: "sse", label: "Live streams (this process)", value: formatCount(realtime.connections) },
  ];
  return (
    <dl className="admin-figures" data-testid="redis-figures">
      {figures.map((figure) => (
        <div key={figure.id}>
          <dt>{figure.label}</dt>
          <dd data-testid={`figure-${figure.id}`}>{figure.value}</dd>
          {figure.hint && <dd className="hint">{figure.hint}</dd>}
        </div>
      ))}
    </dl>
  );
}
