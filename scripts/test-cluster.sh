#!/usr/bin/env bash
# `npm run test:cluster`: the suite on the topology a blog grows into (docs/decisions/031): a Redis
# Cluster of 3 masters and 3 replicas on loopback, started here in a temporary folder; vitest's
# integration tests with every Redis client a Cluster client; then the end-to-end suite through
# nginx (Debian's package, deploy/nginx/blog.conf.template) in front of two app processes.
# Everything it starts is stopped by its pid when it ends, fails or is interrupted. Settings as
# `npm test`'s (tests/settings.ts); E2E_PORT is nginx's port here (3200 unless set). Run it after
# `npm test` or alone, not beside it: both make the test database afresh.
# Arguments go to vitest. Ends with one line: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
TEST_COMMAND=test:cluster
source scripts/test-common.sh
need_debian_package /usr/sbin/nginx nginx "the cluster suite"

export E2E_PORT="${E2E_PORT:-3200}"
settings=$(npx tsx tests/settings.ts) || fail "could not read tests/settings.ts"
eval "$settings"

state=$(mktemp -d -t blog-cluster-XXXXXX)
cleanup() {
  npx tsx scripts/services/cluster-cli.ts stop "$state"
  stop_services
  rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_services
TEST_REDIS_CLUSTER_NODES=$(npx tsx scripts/services/cluster-cli.ts start "$state") ||
  fail "could not start a Redis Cluster"
export TEST_REDIS_CLUSTER_NODES
echo "test:cluster: Redis Cluster of 3 masters and 3 replicas at $TEST_REDIS_CLUSTER_NODES"
npx tsx tests/setup/fresh-state.ts || fail "could not make a fresh test database"

npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json \
  tests/integration "$@"
vitest_rc=$?

# .ci/run sets REUSE_BUILD=1: npm test has just built this commit into the same folder.
if [ "${REUSE_BUILD:-}" != 1 ] || [ ! -f "$NEXT_DIST_DIR/BUILD_ID" ]; then
  npm run build >reports/build.log 2>&1 || { cat reports/build.log; fail "build failed"; }
fi
npx playwright test
e2e_rc=$?

node scripts/test-summary.mjs "$vitest_rc" "$e2e_rc"
[ "$vitest_rc" -eq 0 ] && [ "$e2e_rc" -eq 0 ]
