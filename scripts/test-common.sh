# What scripts/test.sh (`npm test`) and scripts/test-cluster.sh (`npm run test:cluster`) both do
# first; sourced by them from the project's root, with TEST_COMMAND naming the caller in messages.
export NEXT_TELEMETRY_DISABLED=1
source scripts/use-node.sh || exit 1
mkdir -p reports test-results
rm -f reports/vitest.json reports/e2e.json

fail() { echo "$TEST_COMMAND: $*" >&2; node scripts/test-summary.mjs; exit 1; }

[ -d node_modules ] || npm ci --no-audit --no-fund || fail "npm ci failed"

# need_debian_package <program's path> <package> <what for>: Debian's package is installed with
# apt-get when the program is missing and we are root; otherwise the command to run is named.
need_debian_package() {
  [ -x "$1" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "$TEST_COMMAND: installing Debian's $2 for $3"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null ||
      fail "could not install $2"
  else
    fail "$3 needs $2: sudo apt-get install -y $2"
  fi
}
[ -n "${CHROMIUM_PATH:-}" ] || need_debian_package /usr/bin/chromium chromium Playwright
bash scripts/prisma-generate.sh || fail "prisma generate failed"

# Postgres and Redis at the test URLs (tests/settings.ts, read by the caller first), started when
# they are local and not running (as the demo does, scripts/services); stop_services stops those
# started, and only those: the caller's EXIT trap calls it, whatever the outcome.
services_state=$(mktemp)
start_services() {
  DATABASE_URL="$TEST_DATABASE_URL" REDIS_URL="$TEST_REDIS_URL" \
    npx tsx scripts/services/cli.ts start "$services_state" "$$" ||
    fail "Postgres or Redis does not answer at the test URLs"
}
stop_services() {
  [ -s "$services_state" ] && npx tsx scripts/services/cli.ts stop "$services_state"
  rm -f "$services_state"
}
