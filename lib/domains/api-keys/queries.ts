import "server-only";
import { publicUserSelect } from "@/lib/domains/users/queries";
import { db } from "@/lib/platform/db";
import { type ApiKeySummary, apiKeySummarySelect } from "./summary";
import { hashApiKey } from "./token";

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

/**
 * The key whose hash is that of `token`, with its owner, through the unique index on the hash: no
 * secret is ever compared byte by byte.
 */
export function findApiKeyByToken(token: string) {
  return db.apiKey.findUnique({
    where: { hash: hashApiKey(token) },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { ...publicUserSelect, isActive: true } },
    },
  });
}
