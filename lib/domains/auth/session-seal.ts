import "server-only";
import { sealData, unsealData } from "iron-session";
import { env } from "@/lib/platform/env";

// The session cookie's value: the session id, sealed (encrypted and signed) with SESSION_SECRET.
// Who the user is lives in Redis (./session-store.ts), never in the cookie.

const sealTtl = () => env().SESSION_REMEMBER_DAYS * 86_400;

export function sealSid(sid: string): Promise<string> {
  return sealData({ sid }, { password: env().SESSION_SECRET, ttl: sealTtl() });
}

/** The session id in a cookie's value; null for a value this server did not seal, or expired. */
export async function unsealSid(sealed: string): Promise<string | null> {
  try {
    const { sid } = await unsealData<{ sid?: string }>(sealed, {
      password: env().SESSION_SECRET,
      ttl: sealTtl(),
    });
    return typeof sid === "string" ? sid : null;
  } catch {
    return null;
  }
}

/** How long a sealed id is valid, and a remembered cookie kept: SESSION_REMEMBER_DAYS. */
export const sessionCookieSeconds = sealTtl;
