import "server-only";
import { db } from "@/lib/platform/db";
import { redis } from "@/lib/platform/redis";

export type Health = {
  status: "ok" | "degraded" | "down";
  postgres: "up" | "down";
  redis: "up" | "down";
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timeout")), ms).unref()),
  ]);
}

async function probe(check: () => Promise<unknown>): Promise<"up" | "down"> {
  try {
    await withTimeout(check(), 1_000);
    return "up";
  } catch {
    return "down";
  }
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
