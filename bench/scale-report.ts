// The report of `npm run bench:scale`: each setup's throughput and latency per workload, the ratio
// the issue sets a goal for (two processes behind nginx over one reached directly), and what a
// request asks of Redis and Postgres, for a capacity plan.
import { printTable } from "./lib/measure";
import { ONE, SINGLE_NODE, TWO } from "./scale-setups";
import { failures, percentile, rps, type Tally } from "./scale-tally";

export const GOAL = 1.5;

export type Results = Map<string, Map<string, Tally>>; // workload → setup → tally

const counted = (counts: Map<string, number>) =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${key}×${n}`)
    .join(" ");

function printThroughput(results: Results): void {
  const rows = [...results].flatMap(([workload, setups]) =>
    [...setups].map(([setup, t]) => [
      workload,
      setup,
      t.requests,
      rps(t).toFixed(0),
      t.roundRps.map((r) => r.toFixed(0)).join(" / "),
      percentile(t, 0.5).toFixed(1),
      percentile(t, 0.99).toFixed(1),
      failures(t),
      counted(t.xCache),
      `${((100 * t.timed.late) / Math.max(t.timed.answered, 1)).toFixed(1)}%`,
    ]),
  );
  printTable(
    [
      "workload",
      "setup",
      "requests",
      "req/s",
      "each round",
      "p50 ms",
      "p99 ms",
      "not 200",
      "X-Cache",
      "Redis > 100 ms",
    ],
    rows,
  );
}

/** Said when some answers were served failing open: their figures are not the designed path's. */
function printLate(results: Results): void {
  const late = [...results].flatMap(([workload, setups]) =>
    [...setups]
      .filter(([, t]) => t.timed.late > 0)
      .map(([setup, t]) => `${workload}, ${setup}: ${t.timed.late} of ${t.timed.answered}`),
  );
  if (late.length === 0) return;
  console.log(
    "\nRedis commands answered after the caches' timeout (100 ms; the session store's is 500 ms):",
  );
  for (const line of late) console.log(`  ${line}`);
  console.log(
    "  Each was a lookup that failed open: its data came from Postgres, or its member was served as signed out; five in a row open a breaker that skips Redis for 5 s. Those answers took another path than the designed one (the apps' logs in reports/ say which).",
  );
}

/** The goal's ratio per workload, PASS or FAIL; and what the Cluster costs, where measured. */
function printRatios(results: Results, reads: string[]): void {
  const rows = reads.map((workload) => {
    const setups = results.get(workload)!;
    const [one, two, single] = [ONE, TWO, SINGLE_NODE].map((name) => setups.get(name));
    const ratio = one && two ? rps(two) / rps(one) : Number.NaN;
    const perRound = one && two ? one.roundRps.map((r, i) => (two.roundRps[i] / r).toFixed(2)) : [];
    return [
      workload,
      `${ratio.toFixed(2)}x`,
      perRound.join(" / "),
      `≥ ${GOAL}x`,
      ratio >= GOAL ? "PASS" : "FAIL",
      one && single ? `${(rps(one) / rps(single)).toFixed(2)}x` : "(not measured)",
    ];
  });
  printTable(
    [
      "workload",
      "2 behind nginx / 1 direct",
      "each round",
      "goal",
      "result",
      "1 direct, Cluster / 1 node",
    ],
    rows,
  );
}

function printCapacity(results: Results, statementsLabel: string): void {
  const rows = [...results].flatMap(([workload, setups]) =>
    [...setups].map(([setup, t]) => {
      const per = (n: number) => n / Math.max(t.requests, 1);
      const commands = [...t.counts.commands.values()].reduce((sum, n) => sum + n, 0);
      const top = [...t.counts.commands]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([name, n]) => `${name} ${per(n).toFixed(2)}`)
        .join(", ");
      return [
        workload,
        setup,
        per(commands).toFixed(2),
        per(t.counts.bytes).toFixed(0),
        per(t.counts.statements).toFixed(2),
        top,
      ];
    }),
  );
  console.log(`\nPer request (Postgres: ${statementsLabel}):`);
  printTable(
    ["workload", "setup", "Redis commands", "Redis bytes", "Postgres", "most asked Redis commands"],
    rows,
  );
}

/**
 * Prints everything, the goal's ratio for the `reads` (the writes are there for the capacity
 * plan); true when every answer of every stretch was a 2xx.
 */
export function reportScale(results: Results, statementsLabel: string, reads: string[]): boolean {
  console.log("");
  printThroughput(results);
  console.log("");
  printRatios(results, reads);
  printLate(results);
  printCapacity(results, statementsLabel);
  let clean = true;
  for (const [workload, setups] of results)
    for (const [setup, t] of setups) {
      if (failures(t) === 0) continue;
      clean = false;
      console.log(`\n${workload}, ${setup}: ${counted(t.statuses)}`);
      for (const sample of t.samples) console.log(`  ${sample}`);
    }
  return clean;
}
