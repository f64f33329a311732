import "server-only";
import { markApiKeyUsed } from "@/lib/domains/api-keys/mutations";
import { findApiKeyByToken } from "@/lib/domains/api-keys/queries";
import { isWellFormedApiKey } from "@/lib/domains/api-keys/token";
import type { PublicUser } from "@/lib/domains/users/queries";
import { AppError } from "@/lib/platform/errors";

// "Last used" is a hint for people, not an audit log: it is written at most once a minute per
// key, so a busy key does not cost a database write on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

const refused = (message: string) => new AppError("unauthorized", message);

// The key is found by the hash of what was sent, through a unique index: no secret is ever
// compared byte by byte, so response times say nothing about how close a guess was.
export async function authenticateApiKey(
  token: string,
): Promise<{ keyId: number; user: PublicUser }> {
  if (!isWellFormedApiKey(token)) {
    throw refused(
      "That API key is malformed. Keys look like blog_1a2b3c4d_… and are shown once, when made in Settings.",
    );
  }
  const found = await findApiKeyByToken(token);
  if (!found?.user.isActive) throw refused("That API key is not valid.");
  if (found.revokedAt) throw refused("That API key was revoked. Make a new one in Settings.");
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await markApiKeyUsed(found.id);
  }
  const { isActive: _active, ...user } = found.user;
  return { keyId: found.id, user };
}

// For the rate limiter, which only asks whose key it is: no write, no error.
export async function activeApiKeyId(token: string): Promise<number | null> {
  if (!isWellFormedApiKey(token)) return null;
  const found = await findApiKeyByToken(token);
  return found && !found.revokedAt && found.user.isActive ? found.id : null;
}
