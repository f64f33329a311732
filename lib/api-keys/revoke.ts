import "server-only";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { apiKeyIdSchema } from "./schemas";

// Only the owner can revoke a key; anyone else's key reads as not found, so ids reveal nothing.
// Revoking a key twice is fine: the first time counts.
export async function revokeApiKey(userId: number, keyId: unknown): Promise<void> {
  const id = apiKeyIdSchema.safeParse(keyId);
  if (!id.success) throw notFound("That API key");
  const { count } = await db.apiKey.updateMany({
    where: { id: id.data, userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count > 0) return;
  const own = await db.apiKey.findFirst({ where: { id: id.data, userId }, select: { id: true } });
  if (!own) throw notFound("That API key");
}

/**
 * Revokes every active key of the user (asked for when signing out everywhere or changing the
 * password: keys are not sessions, and outlive both otherwise). How many were revoked.
 */
export async function revokeAllApiKeys(userId: number): Promise<number> {
  const { count } = await db.apiKey.updateMany({
    where: { userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count;
}
