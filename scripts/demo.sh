#!/usr/bin/env bash
# Quick start: install, make sure Postgres and Redis answer (starting them when they are local
# and not running), migrate, seed demo data, build, and serve the blog on http://localhost:${PORT:-3000}.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
source scripts/use-node.sh

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Installing npm packages"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

if [ ! -f .env ]; then
  step "Creating .env from .env.example with a fresh SESSION_SECRET"
  secret=$(node -e 'console.log(require("node:crypto").randomBytes(32).toString("hex"))')
  sed "s/^SESSION_SECRET=$/SESSION_SECRET=${secret}/" .env.example > .env
fi

# The rest runs under scripts/demo.ts, which stays the parent of everything it starts: Postgres
# and Redis when they are local and not running (embedded Postgres, data kept under .data/), then
# migrate, seed, build and serve. Ctrl-C or SIGTERM stops the server (it writes its pending views
# to Postgres first), then the services it started, and only those.
exec node --import tsx scripts/demo.ts "$@"
