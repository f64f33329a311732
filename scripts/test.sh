#!/usr/bin/env bash
# The whole suite from a clean state: the package-pair check, a new test database and empty test
# Redis DBs, type check (TypeScript 7), lint (Biome and the checks of `npm run lint`),
# vitest (unit + integration against the real Postgres and Redis), a production build, and
# Playwright end to end in Debian's Chromium against the built app.
# Settings (database, Redis DBs, port, channel prefix) come from tests/settings.ts; each can be
# overridden by the environment. Ends with one line: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
TEST_COMMAND=test
source scripts/test-common.sh
npx tsx scripts/check-package-pairs.ts || fail "packages that must match do not"

settings=$(npx tsx tests/settings.ts) || fail "could not read tests/settings.ts"
eval "$settings"
trap stop_services EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
start_services
npx tsx tests/setup/fresh-state.ts || fail "could not make a fresh test database and Redis DBs"
npx tsc --noEmit -p . || fail "type check failed"
npm run --silent lint || fail "lint failed: npm run format fixes the formatting; the rest names its rule"

# Arguments go to vitest: `npm test -- --sequence.shuffle` runs the files in random order.
npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json "$@"
vitest_rc=$?

npm run build >reports/build.log 2>&1 || { cat reports/build.log; fail "build failed"; }
npx playwright test
e2e_rc=$?

node scripts/test-summary.mjs "$vitest_rc" "$e2e_rc"
[ "$vitest_rc" -eq 0 ] && [ "$e2e_rc" -eq 0 ]
