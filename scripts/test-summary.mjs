// Adds up vitest's and Playwright's JSON reports into the one closing line CI reads, after the
// name and first error line of every failed test: CI keeps only the tail of the output.
// Arguments: the exit codes of vitest and Playwright. A run that failed with no failed test in its
// report (an unhandled error, a global setup that threw, no report at all) counts as one failure.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
const firstLine = (text) =>
  stripVTControlCharacters(text ?? "")
    .trim()
    .split("\n")[0];

const [vitestCode, e2eCode] = process.argv.slice(2).map(Number);

// One failure for a run that exited non-zero although its report names none.
function failedOutside(name, code, listedBefore) {
  if (!(code > 0) || failures.length > listedBefore) return;
  failed += 1;
  failures.push(`${name} exited with code ${code} outside any test: see its output above`);
}

let listed = failures.length;
const vitest = read("reports/vitest.json");
if (vitest) {
  passed += vitest.numPassedTests;
  // A file that failed to load has no failed test of its own: count it once.
  const brokenFiles = vitest.testResults.filter(
    (file) =>
      file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"),
  ).length;
  failed += vitest.numFailedTests + brokenFiles;
  for (const file of vitest.testResults) {
    const where = file.name.replace(`${process.cwd()}/`, "");
    const tests = file.assertionResults.filter((test) => test.status === "failed");
    for (const test of tests)
      failures.push(`${where} › ${test.fullName}: ${firstLine(test.failureMessages[0])}`);
    if (file.status === "failed" && tests.length === 0)
      failures.push(`${where}: ${firstLine(file.message)}`);
  }
  skipped += vitest.numPendingTests + vitest.numTodoTests;
}
failedOutside("vitest", vitestCode, listed);

listed = failures.length;
const e2e = read("reports/e2e.json");
if (e2e) {
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected + e2e.stats.flaky;
  skipped += e2e.stats.skipped;
  const fileOf = (spec) => path.relative(process.cwd(), path.join(e2e.config.rootDir, spec.file));
  for (const error of e2e.errors ?? []) {
    failed += 1;
    failures.push(`playwright: ${firstLine(error.message)}`);
  }
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== "unexpected" && test.status !== "flaky") continue;
        const error = test.results.find((result) => result.error)?.error?.message;
        failures.push(
          `${fileOf(spec)}:${spec.line} › ${[...titles, spec.title].join(" › ")}: ${firstLine(error)}`,
        );
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of e2e.suites) walk(suite, []);
}
failedOutside("playwright", e2eCode, listed);
if (failures.length > 0)
  console.log(`\nfailed:\n${failures.map((line) => `  ${line}`).join("\n")}`);
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
