import "server-only";
import { db } from "@/lib/platform/db";
import { redis } from "@/lib/platform/redis";
import { within } from "@/lib/util/within";

export type Health = {
  status: "ok" | "degraded" | "down";
  postgres: "up" | "down";
  redis: "up" | "down";
};

// Up when the check answers within a second; a failure or no answer is down.
function probe(check: () => Promise<unknown>): Promise<"up" | "down"> {
  const answered = check().then(
    () => "up" as const,
    () => "down" as const,
  );
  return within(answered, 1_000, "down" as const);
}

// Redis down is "degraded" (we serve from Postgres); Postgres down is "down".
export async function checkHealth(): Promise<Health> {
  const [postgres, cache] = await Promise.all([
    probe(() => db.$queryRaw`SELECT 1`),
    probe(() => redis().ping()),
  ]);
  const status = postgres === "down" ? "down" : cache === "down" ? "degraded" : "ok";
  return { status, postgres, redis: cache };
}
