import "server-only";
import { db } from "@/lib/platform/db";
import { AppError, notFound } from "@/lib/platform/errors";
import { parseOrThrow } from "@/lib/platform/validation";
import { countActiveApiKeys } from "./queries";
import { apiKeyIdSchema, apiKeyNameSchema } from "./schemas";
import { type ApiKeySummary, apiKeySummarySelect } from "./summary";
import { generateApiKey } from "./token";

export const MAX_ACTIVE_API_KEYS = 10;

// Returns the key itself once; after this only its hash exists.
export async function createApiKey(
  userId: number,
  input: unknown,
): Promise<{ key: ApiKeySummary; token: string }> {
  const { name } = parseOrThrow(apiKeyNameSchema, input);
  const active = await countActiveApiKeys(userId);
  if (active >= MAX_ACTIVE_API_KEYS) {
    const message = `You already have ${MAX_ACTIVE_API_KEYS} active keys. Revoke one you no longer use first.`;
    throw new AppError("conflict", message, { name: message });
  }
  const { token, prefix, hash } = generateApiKey();
  const key = await db.apiKey.create({
    data: { userId, name, prefix, hash },
    select: apiKeySummarySelect,
  });
  return { key, token };
}

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

/** Stamps the key as used now. */
export async function markApiKeyUsed(keyId: number): Promise<void> {
  await db.apiKey.update({ where: { id: keyId }, data: { lastUsedAt: new Date() } });
}
