// A per-request record of cache operations, for the app to render ("this page: HIT post:42,
// 0.4 ms") and to send as a Server-Timing header. Outside runWithTrace nothing is measured or
// kept: an operation checks for a context once and skips the clock when there is none.

import { AsyncLocalStorage } from "node:async_hooks";
import { remember } from "../util/remember";

export type CacheResult = "HIT" | "MISS" | "STALE" | "BYPASS" | "ERROR";

export interface TraceEntry {
  namespace: string;
  key: string;
  result: CacheResult;
  ms: number;
}

// One store per process even if a bundler loads this module twice (Next.js builds route
// handlers and pages into separate bundles); otherwise a trace started in one copy would be
// invisible to operations recorded by the other.
const storage = remember("cache-trace", () => new AsyncLocalStorage<TraceEntry[]>());

export function runWithTrace<T>(fn: () => T): T {
  return storage.run([], fn);
}

export function currentTrace(): readonly TraceEntry[] | undefined {
  return storage.getStore();
}

// The start time if a trace is being kept, else undefined (and nothing else to do).
export function traceStart(): number | undefined {
  return storage.getStore() ? performance.now() : undefined;
}

export function traceEnd(
  started: number | undefined,
  namespace: string,
  key: string,
  result: CacheResult,
): void {
  if (started === undefined) return;
  const ms = Math.round((performance.now() - started) * 1000) / 1000;
  storage.getStore()?.push({ namespace, key, result, ms });
}

// `cache;desc="HIT cache:api post:42";dur=0.42, ...`: one metric per operation, shown in the
// browser's network panel, then the caller's own metrics (the app adds SQL, Redis and total).
export function serverTiming(entries: readonly TraceEntry[], more: readonly string[] = []): string {
  return [...entries.map(cacheTiming), ...more].join(", ");
}

function cacheTiming(entry: TraceEntry): string {
  return `cache;desc="${timingDescription(`${entry.result} ${entry.namespace} ${entry.key}`)}";dur=${entry.ms}`;
}

// A header value must be plain ASCII, so other characters become "?"; inside the quoted
// description, " and \ are escaped.
function timingDescription(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?").replace(/["\\]/g, "\\$&");
}
