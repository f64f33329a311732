# syntax=docker/dockerfile:1
# The blog as an image: what `npm start` runs (dist/server.mjs: Next behind the page cache), on
# Node 26, as the unprivileged `node` user, with the runtime packages only (no tsx, no dev tools).
# Next's `output: "standalone"` cannot serve a custom server, so the last stage copies what the
# server needs, and only that. tests/e2e/image.spec.ts lays these files out as this last stage
# copies them, starts its CMD and smoke-tests it: a file forgotten here fails the test.
#   docker build -t redis-caching-blog .
#   docker compose up -d                        app, Postgres, Redis (migrations run first)
#   docker compose run --rm app node dist/seed.mjs --demo-accounts
# README, "Operating it" > "Image": the variables to set and the commands.

FROM node:26-bookworm-slim AS base
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1

# The runtime packages, as the last stage gets them. `--omit=optional` too: npm keeps a dev package
# that a runtime one names as an optional peer (prisma, typescript, @playwright/test: 380 MB) unless
# both are omitted. The optional runtime packages it also drops are unused by the server: sharp
# (next/image, which the blog does not use), Next's SWC compiler (builds only), pg-cloudflare.
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund

# Every package, the Prisma client (lib/generated), then `npm run build`: dist/ (server, Next's
# cache handlers, migrations, seed, built by esbuild) and .next/.
FROM base AS build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run db:generate && npm run build

FROM base AS runtime
# MALLOC_ARENA_MAX: glibc's allocator keeps up to 8 arenas per core for the threads that
# compress, hash and read files; their freed memory stays in the process (docs/decisions/030).
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 MALLOC_ARENA_MAX=2
COPY --from=deps /app/node_modules ./node_modules
# next.config.js is ESM (package.json's "type") and imports security-headers.js; it names Next's
# cache handlers by path: the .mjs entries, which load dist/next-cache-handlers.mjs in production.
COPY --from=build /app/package.json /app/next.config.js /app/security-headers.js ./
COPY --from=build /app/lib/next-cache/handlers/use-cache.mjs /app/lib/next-cache/handlers/incremental.mjs /app/lib/next-cache/handlers/load.mjs ./lib/next-cache/handlers/
COPY --from=build /app/dist ./dist
# The build, without Next's build cache and the types it wrote for the type check.
COPY --from=build --exclude=cache --exclude=types /app/.next ./.next
# Read by dist/migrate.mjs.
COPY --from=build /app/prisma/migrations ./prisma/migrations
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Migrations are not run here: `node dist/migrate.mjs` does (docker-compose.yml's `migrate`).
CMD ["node", "dist/server.mjs"]
