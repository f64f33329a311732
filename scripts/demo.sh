#!/usr/bin/env bash
# Quick start: install, make sure Postgres and Redis answer, migrate, seed demo data, build,
# and serve the blog on http://localhost:${PORT:-3000}.
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

step "Checking Postgres and Redis"
if ! npx tsx scripts/check-services.ts; then
  bash scripts/start-private-redis.sh || true
  npx tsx scripts/check-services.ts
fi

step "Generating the Prisma client"
bash scripts/prisma-generate.sh

step "Migrating the database"
npx tsx scripts/migrate.ts

step "Seeding demo data (idempotent)"
npx tsx prisma/seed.ts --demo-accounts

step "Building"
npm run build

step "Serving on http://localhost:${PORT:-3000}  (admin@example.com / admin-password, demo@example.com / demo-password)"
# server.ts: Next behind the page cache; on SIGTERM pending view counts go to Postgres first.
PORT="${PORT:-3000}" exec npm start
