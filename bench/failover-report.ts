// The report of `npm run bench:failover`: which master served which key (the decision record's
// question), each master's share of the load's commands before the kill and after the failover,
// the failover's timeline, then the load as bench:faults reports it, and the bounds.
import { type FailoverFigures, SHARE_MS } from "./failover-fault";
import { NAMED_KEYS } from "./failover-keys";
import type { ScenarioResult } from "./faults-list";
import { reportScenario } from "./faults-report";
import type { Check } from "./lib/bounds";
import type { CacheReturn } from "./lib/cache-probe";
import { printTable } from "./lib/measure";

const ms = (value: number | undefined) => (value === undefined ? "never" : value.toFixed(0));

function reportKeys(f: FailoverFigures): void {
  console.log("\nKeys and the masters serving them (before the kill):");
  printTable(
    ["key", "is", "master"],
    NAMED_KEYS.map(([what, key]) => {
      const owner = f.owners.get(key);
      const killed = owner?.id === f.victim.id ? " (killed)" : "";
      return [key, what, owner ? `127.0.0.1:${owner.port}${killed}` : "none"];
    }),
  );
  console.log(
    `killed: 127.0.0.1:${f.victim.port}; its replica: 127.0.0.1:${f.replica.port}; probed pages: ${f.probePages.onVictim} (entry on the killed master), ${f.probePages.elsewhere} (on another)`,
  );
}

function reportShares(f: FailoverFigures): void {
  const rows = (label: string, counts: Map<number, number>) => {
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    return [...counts].map(([port, n]) => {
      const role =
        port === f.victim.port ? " (killed next)" : port === f.replica.port ? " (the replica)" : "";
      return [
        label,
        `127.0.0.1:${port}${role}`,
        n,
        `${((100 * n) / Math.max(1, total)).toFixed(0)}%`,
      ];
    });
  };
  console.log(
    `\nCommands each master ran (INFO total_commands_processed, ${SHARE_MS / 1000} s of load each):`,
  );
  printTable(
    ["when", "master", "commands", "share"],
    [...rows("before the kill", f.shares.before), ...rows("after the failover", f.shares.after)],
  );
}

const back = (name: string, r: CacheReturn) => [
  name,
  ms(r.missedMs),
  ms(r.firstMs),
  ms(r.steadyMs),
  r.missed,
];

function reportTimeline(f: FailoverFigures): void {
  console.log("\nFailover (ms after the SIGKILL):");
  console.log(`replica answers ROLE master: ${ms(f.promotedMs)}`);
  console.log(`every surviving node says cluster_state:ok: ${ms(f.clusterOkMs)}`);
  printTable(
    [
      "probed page (every 100 ms)",
      "first not from cache",
      "from it again",
      "for good",
      "not from it",
    ],
    [
      back(`${f.probePages.onVictim} (killed master)`, f.cacheBack.onVictim),
      back(`${f.probePages.elsewhere} (other master)`, f.cacheBack.elsewhere),
    ],
  );
  const missed = f.missedInRejoin.map(
    (a) => `${a.cache || a.status} sent at +${ms(a.at - f.restartedAt)} ms (${ms(a.ms)} ms)`,
  );
  console.log(
    `restarted on its port ${ms(f.restartedAt - f.killedAt)} ms after the kill: ROLE "${f.rejoinedAs}" ${ms(f.rejoinedMs)} ms later; probe answers not from the cache since: ${missed.join(", ") || "none"}`,
  );
  const probed = [...f.probes.values()].flat();
  console.log(
    `probe: ${probed.length} answers, the longest ${ms(Math.max(0, ...probed.map((a) => a.ms)))} ms`,
  );
}

export function reportFailover(r: ScenarioResult, f: FailoverFigures, checks: Check[]): void {
  reportKeys(f);
  reportShares(f);
  reportTimeline(f);
  console.log(`\nlongest answer of the load, any kind: ${ms(r.longestMs)} ms`);
  reportScenario(r, checks);
}
