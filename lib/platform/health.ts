import "server-only";
import { db } from "@/lib/platform/db";
import { cacheRedis, redis } from "@/lib/platform/redis";
import { within } from "@/lib/util/within";

export type Health = {
  status: "ok" | "degraded" | "down";
  postgres: "up" | "down";
  redis: "up" | "down";
  /** The cache role, when it is a Redis of its own (CACHE_REDIS_URL). */
  cacheRedis?: "up" | "down";
};

// Up when the check answers within a second; a failure or no answer is down.
function probe(check: () => Promise<unknown>): Promise<"up" | "down"> {
  const answered = check().then(
    () => "up" as const,
    () => "down" as const,
  );
  return within(answered, 1_000, "down" as const);
}

// A Redis down is "degraded" (we serve from Postgres); Postgres down is "down".
export async function checkHealth(): Promise<Health> {
  const split = cacheRedis() !== redis();
  const [postgres, state, cache] = await Promise.all([
    probe(() => db.$queryRaw`SELECT 1`),
    probe(() => redis().ping()),
    split ? probe(() => cacheRedis().ping()) : undefined,
  ]);
  const redisDown = state === "down" || cache === "down";
  const status = postgres === "down" ? "down" : redisDown ? "degraded" : "ok";
  return { status, postgres, redis: state, ...(cache ? { cacheRedis: cache } : {}) };
}
