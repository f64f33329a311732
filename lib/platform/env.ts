// The app's plumbing: settings, the database, the app's Redis clients, the request trace, errors,
// validation. Infrastructure below the domains: imports lib/util/, lib/redis/, lib/cache/ (the
// trace) and the generated Prisma client (lib/generated/), nothing of the blog. Every layer above,
// server.ts and the scripts use it.
//   env.ts              every setting, validated once with zod (this file)
//   db.ts               the one PrismaClient: pool, statement_timeout, SQL traced, outages marked
//   db-errors.ts        which errors mean a cancelled statement or no Postgres; their 503 AppErrors
//   database-outage.ts  a per-request record: a page that met no Postgres answers 503, not 500
//   migrator.ts         applies prisma/migrations as `prisma migrate deploy` would (decision 001)
//   redis.ts            the app's Redis clients: redis(), and sideConnection() for subscribers
//   request-trace.ts    what a request cost: cache lookups, SQL, Redis round trips; traced()
//   after-write.ts      afterWrite: what follows a commit, waited for at most AFTER_WRITE_WAIT_MS
//   health.ts           checkHealth: Postgres down is "down", Redis down only "degraded"
//   errors.ts           AppError: each code mapped to one HTTP status; notFound, forbidden...
//   validation.ts       parseOrThrow (zod issues as field errors, NUL refused), assertId
//   form-state.ts       FormState: what a server action returns to its form, failedForm
//   format.ts           dates, initials, numbers and milliseconds as pages show them
//   metrics.ts          the Prometheus registry and what is measured as it happens
//   telemetry.ts        OpenTelemetry's SDK, started when an OTLP endpoint is set
// This file: the one reader of process.env. Everything is validated once, with a readable list
// of what is wrong, so a misconfigured server refuses to start instead of failing on the first
// request.
import { z } from "zod";
import { LOG_LEVELS } from "@/lib/util/logger";
import { clusterNodes, onByDefault } from "./setting-types";

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  // GET /api/metrics answers only a scraper holding it (Authorization: Bearer); off when unset.
  METRICS_TOKEN: z.string().min(16, "use at least 16 characters (openssl rand -hex 32)").optional(),
  // Read by lib/util/logger.ts itself (every layer logs); checked here with the rest at start-up.
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  // OpenTelemetry's own variables (./telemetry.ts): traces are exported over OTLP/HTTP when an
  // endpoint is set; the exporter reads the rest of its OTEL_EXPORTER_OTLP_* itself.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url("must be a URL, e.g. http://localhost:4318").optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z
    .url("must be a URL, e.g. http://localhost:4318/v1/traces")
    .optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default("redis-caching-blog"),
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(1).default(5000),
  DATABASE_URL: z
    .string({ error: "is required, e.g. postgresql://postgres@127.0.0.1:5432/blog" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .default("redis://localhost:6379/0"),
  // The cache role on a Redis of its own (maxmemory with an LRU/LFU policy, nothing persisted):
  // every cache entry goes there, and REDIS_URL keeps the state (docs/decisions/028). Unset: one
  // Redis for both.
  CACHE_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional(),
  // A Redis Cluster instead of REDIS_URL's server (host:port of any of its nodes, comma-separated):
  // every client of the state role becomes a Cluster client (docs/decisions/031). REDIS_URL is
  // then not used; a Cluster has DB 0 only, so the static cache is the cache:static namespace.
  REDIS_CLUSTER_NODES: clusterNodes.optional(),
  // The same for the cache role: its own Cluster, when CACHE_REDIS_URL is unset.
  CACHE_REDIS_CLUSTER_NODES: clusterNodes.optional(),
  SESSION_SECRET: z
    .string({ error: "is required: 32 or more random characters (openssl rand -hex 32)" })
    .min(32, "must be at least 32 characters long (openssl rand -hex 32)"),
  SESSION_IDLE_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
  SESSION_REMEMBER_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  CACHE_DEFAULT_TIMEOUT: z.coerce.number().int().min(1).default(300),
  // "false" turns every cache into Flask-Caching's NullCache: the app runs on Postgres alone.
  CACHE_ENABLED: onByDefault(),
  // The tutorial keeps its long-lived "static" cache in a Redis DB of its own.
  STATIC_CACHE_DB: z.coerce.number().int().min(0).max(15).default(1),
  CACHE_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(5).default(100),
  VIEW_FLUSH_EVERY: z.coerce.number().int().min(1).default(10),
  VIEW_SWEEP_SECONDS: z.coerce.number().int().min(1).default(30),
  REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(10).default(500),
  // How long a write waits for what follows its commit before it answers (lib/platform/after-write.ts).
  AFTER_WRITE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(262_144),
  // Postgres cancels an app statement that runs longer than this (a backstop: none should come near).
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  // A query waits at most this long for a connection (a new one, or a free one of the pool's).
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  // An article body that takes longer than this to render is shown as escaped text.
  MARKDOWN_RENDER_TIMEOUT_MS: z.coerce.number().int().min(10).default(1000),
  // Pub/sub channels are shared by every DB index of a Redis server: the prefix separates apps.
  // Server-Sent Events streams per process: in total, and per reader (signed-in user or address).
  SSE_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(1000),
  SSE_MAX_PER_IDENTITY: z.coerce.number().int().min(1).default(8),
  // The Retry-After (and SSE retry:) of a refused stream.
  SSE_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).default(30),
  REALTIME_CHANNEL_PREFIX: z
    .string()
    .regex(/^[\w.-]+$/, "use letters, digits, . _ -")
    .default("events"),
  // How many reverse proxies in front of the app append to X-Forwarded-For (lib/http/client-address.ts).
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  // The page cache in front of Next (server.ts): whole pages for readers who are not signed in.
  PAGE_CACHE_ENABLED: onByDefault(),
  PAGE_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  PAGE_CACHE_STALE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  PAGE_CACHE_SHARED_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  PAGE_CACHE_MAX_BYTES: z.coerce.number().int().min(16_384).default(1_048_576),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  // How long a client may take to send a whole request (headers and body): 408 after it.
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(30_000),
  RATE_LIMIT_API_PER_HOUR: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_SEARCH_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_VIEWS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  // All view requests from one address, whatever reader cookies or accounts they carry.
  RATE_LIMIT_VIEWS_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  // Failed sign-ins from one address across all emails, per SIGNIN_WINDOW_MINUTES.
  SIGNIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).default(20),
  // Server actions per signed-in user (posts, comments, follows, profile saves) or per address
  // (sign-ups).
  RATE_LIMIT_POSTS_PER_HOUR: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_COMMENTS_PER_HOUR: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_FOLLOWS_PER_HOUR: z.coerce.number().int().min(1).default(60),
  RATE_LIMIT_PROFILE_SAVES_PER_HOUR: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_SIGNUPS_PER_HOUR: z.coerce.number().int().min(1).default(5),
  // scrypt cost as log2(N): 17 is OWASP's minimum (128 MiB and about 0.5 s a hash here). Tests
  // run with less; stored hashes keep their own cost and are rehashed at the next sign-in.
  PASSWORD_SCRYPT_LOG2_N: z.coerce.number().int().min(10).max(20).default(17),
  // How many password hashes run at once, each holding 128 * N * r bytes; the rest wait in line.
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  // Next.js's own cache ('use cache', ISR) on Redis (lib/next-cache/); "off": every lookup misses.
  NEXT_CACHE_HANDLER: z
    .enum(["redis", "off"], { error: 'must be "redis" or "off"' })
    .default("redis"),
  // No entry of Next's cache lives longer in Redis, whatever its cacheLife says.
  NEXT_CACHE_MAX_TTL_SECONDS: z.coerce.number().int().min(60).default(604_800),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  return parseEnvPart(schema, source);
}

const DATABASE_PART = {
  DATABASE_URL: true,
  DB_STATEMENT_TIMEOUT_MS: true,
  DB_CONNECT_TIMEOUT_MS: true,
} as const;
/** What the database client (lib/platform/db.ts) and the scripts (migrate, seed) need, and nothing else. */
export const databaseSettings = () => parseEnvPart(schema.pick(DATABASE_PART), process.env);

function parseEnvPart<T extends z.ZodType>(
  part: T,
  source: Record<string, string | undefined>,
): z.infer<T> {
  const result = part.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`),
  );
}

// For password hashing, which the seed script also does.
export function passwordHashSettings(): Pick<
  Env,
  "PASSWORD_SCRYPT_LOG2_N" | "PASSWORD_HASH_CONCURRENCY"
> {
  return parseEnvPart(
    schema.pick({ PASSWORD_SCRYPT_LOG2_N: true, PASSWORD_HASH_CONCURRENCY: true }),
    process.env,
  );
}

// Next's cache handlers are also loaded while `next build` prerenders, where the app's other
// settings may be absent: they read only their own.
export function nextCacheSettings() {
  return parseEnvPart(
    schema.pick({
      CACHE_ENABLED: true,
      CACHE_COMMAND_TIMEOUT_MS: true,
      NEXT_CACHE_HANDLER: true,
      NEXT_CACHE_MAX_TTL_SECONDS: true,
    }),
    process.env,
  );
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
