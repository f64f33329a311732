// `npm run bench:faults`: Redis killed, paused (CLIENT PAUSE, DEBUG SLEEP) and Postgres restarted,
// each in the middle of a bounded mixed load on the blog as `npm start` runs it; for each, the
// failed requests, the longest response and what was lost, against the README's bounds.
//
// Everything runs on a site of its own: a private Postgres cluster (initdb, a free port) and a
// private redis-server, both removed at the end. The machine's Postgres and Redis are never
// touched. Needs a build (`NEXT_DIST_DIR=.next-bench npm run build`, done here unless --no-build).
// FAULT_SECONDS (5) sets how long each fault lasts; --only=<word> runs the faults whose name has it.
import type { Fault, ScenarioResult } from "./faults-list";
import { faults } from "./faults-list";
import { reportScenario, reportSummary } from "./faults-report";
import { oneServer, runScenario } from "./faults-run";
import { seedArticles } from "./lib/articles";
import type { Check } from "./lib/bounds";
import { buildUnlessTold } from "./lib/build";
import { exitWith } from "./lib/exit-with";
import { openPrivateSite } from "./lib/private-site";

const DIST = process.env.NEXT_DIST_DIR ?? ".next-bench";
const ARTICLES = 5;

function chosen(): Fault[] {
  const only = process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
  return only ? faults.filter((f) => f.name.toLowerCase().includes(only.toLowerCase())) : faults;
}

async function main(): Promise<boolean> {
  buildUnlessTold(DIST);
  const site = await openPrivateSite(DIST);
  try {
    const articles = await seedArticles(site, ARTICLES);
    const results: [Fault, ScenarioResult, Check[]][] = [];
    for (const fault of chosen()) {
      console.log(`\n${fault.name} …`);
      const [result] = await runScenario(
        oneServer(site),
        fault.name,
        () => fault.inject(site),
        articles,
      );
      const checks = fault.bounds(result);
      reportScenario(result, checks);
      results.push([fault, result, checks]);
    }
    reportSummary(results);
    return results.every(([, , checks]) => checks.every((c) => c.pass));
  } finally {
    await site.close();
  }
}

exitWith("bench:faults", main);
