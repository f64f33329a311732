import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation";
import { apiKeyNameSchema } from "./schemas";
import { type ApiKeySummary, apiKeySummarySelect } from "./summary";
import { generateApiKey } from "./token";

export const MAX_ACTIVE_API_KEYS = 10;

// Returns the key itself once; after this only its hash exists.
export async function createApiKey(
  userId: number,
  input: unknown,
): Promise<{ key: ApiKeySummary; token: string }> {
  const { name } = parseOrThrow(apiKeyNameSchema, input);
  const active = await db.apiKey.count({ where: { userId, revokedAt: null } });
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
