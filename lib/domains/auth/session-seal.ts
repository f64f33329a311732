import "server-only";
import { sealData, unsealData } from "iron-session";
import { env } from "@/lib/platform/env";

// The session cookie's value: the session id, sealed (encrypted and signed) with SESSION_SECRET.
// Who the user is lives in Redis (./session-store.ts), never in the cookie.

const sealTtl = () => env().SESSION_REMEMBER_DAYS * 86_400;

export function sealSid(sid: string): Promise<string> {
  return sealData({ sid }, { password: env().SESSION_SECRET, ttl: sealTtl() });
}

// Unsealing is most of the CPU a member's request costs before any Redis reply (key derivation,
// HMAC, AES through WebCrypto), and a reader sends the same cookie on every request: ids unsealed
// in the last minute are remembered, at most UNSEALED_MAX of them (the oldest go first). A seal
// past its expiry is refused within a minute of it, the clock skew iron itself allows; whether
// the session still exists is asked of Redis on every request.
const UNSEALED_MAX = 10_000;
const UNSEALED_MS = 60_000;
const unsealed = new Map<string, { sid: string; until: number }>();

/** The session id in a cookie's value; null for a value this server did not seal, or expired. */
export async function unsealSid(sealed: string): Promise<string | null> {
  const known = unsealed.get(sealed);
  if (known && known.until > Date.now()) return known.sid;
  unsealed.delete(sealed);
  try {
    const { sid } = await unsealData<{ sid?: string }>(sealed, {
      password: env().SESSION_SECRET,
      ttl: sealTtl(),
    });
    if (typeof sid !== "string") return null;
    if (unsealed.size >= UNSEALED_MAX) unsealed.delete(unsealed.keys().next().value as string);
    unsealed.set(sealed, { sid, until: Date.now() + UNSEALED_MS });
    return sid;
  } catch {
    return null;
  }
}

/** How long a sealed id is valid, and a remembered cookie kept: SESSION_REMEMBER_DAYS. */
export const sessionCookieSeconds = sealTtl;
