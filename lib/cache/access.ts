// Fail-open access to one namespace of Redis for code that keeps its own value format (bytes,
// not the library's JSON envelope): the same connection handling, circuit breaker, rate-limited
// log and shared hit/miss statistics as a Cache, without the entry layer. Next.js's cache
// handlers (lib/next-cache/) are built on it.
import type { Run } from "../redis/breaker";
import { ThrottledLog, type WarnLogger } from "../redis/throttled-log";
import { ClientHandle, type RedisSource } from "./client";
import { guardedRun } from "./guarded-run";
import { type CacheStats, type Counter, Stats } from "./stats";

export interface AccessOptions {
  redis: RedisSource;
  namespace: string;
  /** A command not answered within this is a failure, and the call goes on without Redis. Default 100. */
  commandTimeoutMs?: number;
  breakerThreshold?: number;
  breakerCooldownMs?: number;
  statsFlushMs?: number;
  logger?: WarnLogger;
  logIntervalMs?: number;
  /** Nothing reaches Redis: every command fails open at once. */
  disabled?: boolean;
}

export interface RedisAccess {
  readonly namespace: string;
  /** A command on the client, through the breaker: { ok: false } when Redis errs or is slow. */
  readonly run: Run;
  count(counter: Counter): void;
  warn(kind: string, message: string): void;
  /** Figures from every process sharing this namespace; null if Redis cannot be reached. */
  stats(): Promise<CacheStats | null>;
  flushStats(): Promise<void>;
  close(): Promise<void>;
}

export function createRedisAccess(options: AccessOptions): RedisAccess {
  if (!options.namespace) throw new TypeError("createRedisAccess: a namespace is required");
  const log = new ThrottledLog(options.logger ?? console, {
    prefix: `[cache ${options.namespace}] `,
    intervalMs: options.logIntervalMs ?? 10_000,
  });
  const client = new ClientHandle(options.redis, undefined, log);
  const run = guardedRun(options, client, log, () => stats.count("errors"));
  const stats = new Stats(run, `${options.namespace}:stats`, options.statsFlushMs ?? 1000);
  return {
    namespace: options.namespace,
    run,
    count: (counter) => stats.count(counter),
    warn: (kind, message) => log.warn(kind, message),
    stats: () => stats.read(),
    flushStats: () => stats.flush(),
    async close() {
      stats.stop();
      await stats.flush();
      client.close();
    },
  };
}
