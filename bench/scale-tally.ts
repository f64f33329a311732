// What each setup did on each workload over all its rounds: the stretches' answers added up, and
// what they asked of Redis and Postgres.
import type { Counts } from "./scale-counters";
import type { Commands } from "./scale-late";
import { bump, type Stretch } from "./scale-load";

export type Tally = Stretch & {
  /** Each round's req/s, in order: how much the rounds agree. */
  roundRps: number[];
  counts: Counts;
  /** The app's own Redis commands, and those that took longer than the caches' timeout. */
  timed: Commands;
};

const SAMPLES = 5;

export const emptyTally = (): Tally => ({
  requests: 0,
  seconds: 0,
  latenciesMs: [],
  statuses: new Map(),
  xCache: new Map(),
  samples: [],
  roundRps: [],
  counts: { commands: new Map(), bytes: 0, statements: 0 },
  timed: { answered: 0, late: 0 },
});

export function addStretch(tally: Tally, stretch: Stretch, counts: Counts, timed: Commands): void {
  tally.requests += stretch.requests;
  tally.seconds += stretch.seconds;
  tally.roundRps.push(stretch.requests / stretch.seconds);
  for (const ms of stretch.latenciesMs) tally.latenciesMs.push(ms);
  for (const [status, n] of stretch.statuses) bump(tally.statuses, status, n);
  for (const [value, n] of stretch.xCache) bump(tally.xCache, value, n);
  tally.samples.push(...stretch.samples.slice(0, Math.max(0, SAMPLES - tally.samples.length)));
  for (const [name, calls] of counts.commands) bump(tally.counts.commands, name, calls);
  tally.counts.bytes += counts.bytes;
  tally.counts.statements += counts.statements;
  tally.timed.answered += timed.answered;
  tally.timed.late += timed.late;
}

export const rps = (tally: Tally) => tally.requests / Math.max(tally.seconds, 1e-9);

/** Answers that are not a 2xx (a read's 200, a post's 201): a status, or none at all. */
export const failures = (tally: Tally) =>
  [...tally.statuses]
    .filter(([status]) => !/^2\d\d$/.test(status))
    .reduce((sum, [, n]) => sum + n, 0);

export function percentile(tally: Tally, q: number): number {
  const sorted = Float64Array.from(tally.latenciesMs).sort();
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
}
