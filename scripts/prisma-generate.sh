#!/usr/bin/env bash
# `prisma generate` needs no schema engine, but Prisma 7's CLI tries to download one first; where
# its servers cannot be reached, pointing PRISMA_SCHEMA_ENGINE_BINARY at any file skips that.
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(type -P true)}"
npx prisma generate >/dev/null
echo "prisma: client generated in lib/generated/prisma"
