// The environment of a benchmark's server: production, its own build, database and Redis DB, and
// limits high enough that one client address sending every request is not answered 429.
export interface BenchSite {
  distDir: string;
  databaseUrl: string;
  redisUrl: string;
  staticCacheDb?: string;
}

export function benchServerEnv(
  site: BenchSite,
  settings: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_DIST_DIR: site.distDir,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: site.databaseUrl,
    REDIS_URL: site.redisUrl,
    STATIC_CACHE_DB: site.staticCacheDb ?? "12",
    SESSION_SECRET: process.env.SESSION_SECRET ?? "benchmark-secret-benchmark-secret-32",
    RATE_LIMIT_API_PER_HOUR: "100000000",
    ...settings,
  };
}
