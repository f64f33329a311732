// The report of `npm run bench:faults`: per fault, what each kind of request got, what was lost,
// what the event streams saw, and each bound PASS or FAIL; then one line per fault.
import type { Fault, ScenarioResult } from "./faults-list";
import { type Check, printChecks } from "./lib/bounds";
import { describeFailures, KINDS } from "./lib/load-tally";
import { printTable } from "./lib/measure";

const ms = (value: number) => value.toFixed(0);

export function reportScenario(r: ScenarioResult, checks: Check[]): void {
  console.log(`\n=== ${r.name} ===`);
  printTable(
    ["requests", "sent", "failed (by status)", "p50 ms", "p99 ms", "longest ms"],
    KINDS.map((kind) => {
      const latency = r.tally.latency(kind);
      return [
        kind,
        r.tally.count(kind),
        describeFailures(r.tally.failures(kind)),
        ms(latency.p50),
        ms(latency.p99),
        ms(latency.max),
      ];
    }),
  );
  const { views, posts, streams } = r;
  console.log(
    `views: ${views.sent} sent, ${views.acknowledged} answered as counted, ${views.counted} in Postgres after the final flush (${views.lost} lost)`,
  );
  console.log(
    `posts: ${posts.acknowledged} acknowledged (201), ${posts.missing} of them missing in Postgres, ${posts.halfWritten} half-written, ${posts.unacknowledgedButStored} stored without a 201`,
  );
  console.log(
    `event streams: ${streams.clients} clients, ${streams.opened} opened, refused ${describeFailures(streams.refused)}, post.created received ${streams.postEvents.join(" / ")} (of ${posts.acknowledged} posts)`,
  );
  printChecks(checks);
}

export function reportSummary(results: [Fault, ScenarioResult, Check[]][]): void {
  console.log("\n=== Faults: summary ===");
  printTable(
    ["fault", "requests", "failed", "longest ms", "views lost", "posts lost", "result"],
    results.map(([fault, r, checks]) => [
      fault.name,
      r.tally.records.length,
      describeFailures(r.tally.failures()),
      ms(r.longestMs),
      `${r.views.lost} of ${r.views.acknowledged}`,
      `${r.posts.missing} of ${r.posts.acknowledged}`,
      checks.every((c) => c.pass) ? "PASS" : "FAIL",
    ]),
  );
}
