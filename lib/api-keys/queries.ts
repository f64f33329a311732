import "server-only";
import { db } from "@/lib/db";
import { type ApiKeySummary, apiKeySummarySelect } from "./summary";

// Newest first; revoked keys stay listed (greyed out) so a person sees what was revoked when.
export async function listApiKeys(userId: number): Promise<ApiKeySummary[]> {
  return db.apiKey.findMany({
    where: { userId },
    select: apiKeySummarySelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
  });
}

/** Keys that still work. */
export function countActiveApiKeys(userId: number): Promise<number> {
  return db.apiKey.count({ where: { userId, revokedAt: null } });
}
