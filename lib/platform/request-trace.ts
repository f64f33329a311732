import { AsyncLocalStorage } from "node:async_hooks";
import { currentTrace, runWithTrace, type TraceEntry } from "@/lib/cache";
import { remember } from "@/lib/util/remember";

// What one request cost: the cache library's lookups (key, HIT/MISS/STALE, ms) plus the SQL
// statements and Redis round trips it made, so a page can say how it was served and a route
// can send Server-Timing. Outside traced() nothing is counted.
/** Work of the request that is not a cache lookup, e.g. a write-behind view count. */
export type Operation = { key: string; pattern: string; result: string; ms: number };

type Counters = {
  operations: Operation[];
  sql: number;
  sqlMs: number;
  redisCommands: number;
  redisRoundTrips: number;
  batchOpen: boolean;
};

export type RequestTrace = {
  cache: TraceEntry[];
  operations: Operation[];
  sql: number;
  sqlMs: number;
  redisCommands: number;
  redisRoundTrips: number;
  totalMs: number;
};

// Shared across bundles (pages and route handlers are bundled apart), like the library's store.
const storage = remember("request-trace", () => new AsyncLocalStorage<Counters>());

export function recordOperation(operation: Operation): void {
  storage.getStore()?.operations.push(operation);
}

export function recordSql(ms: number): void {
  const counters = storage.getStore();
  if (!counters) return;
  counters.sql += 1;
  counters.sqlMs += ms;
}

// ioredis auto-pipelining sends every command issued before the next tick in one write: a
// request's round trips are the batches it opened, not its commands.
export function recordRedisCommand(): void {
  const counters = storage.getStore();
  if (!counters) return;
  counters.redisCommands += 1;
  if (counters.batchOpen) return;
  counters.redisRoundTrips += 1;
  counters.batchOpen = true;
  process.nextTick(() => (counters.batchOpen = false));
}

export async function traced<T>(
  work: () => Promise<T>,
): Promise<{ value: T; trace: RequestTrace }> {
  const counters: Counters = {
    operations: [],
    sql: 0,
    sqlMs: 0,
    redisCommands: 0,
    redisRoundTrips: 0,
    batchOpen: false,
  };
  const started = performance.now();
  return runWithTrace(() =>
    storage.run(counters, async () => {
      const value = await work();
      const { batchOpen: _open, ...counts } = counters;
      const trace = {
        cache: [...(currentTrace() ?? [])],
        ...counts,
        totalMs: performance.now() - started,
      };
      return { value, trace };
    }),
  );
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** What the request cost beside its cache lookups, as Server-Timing metrics (see serverTiming). */
export function costMetrics(trace: RequestTrace): string[] {
  return [
    `db;desc="${trace.sql} SQL";dur=${round(trace.sqlMs)}`,
    `redis;desc="${trace.redisRoundTrips} round trips, ${trace.redisCommands} commands"`,
    `total;dur=${round(trace.totalMs)}`,
  ];
}
