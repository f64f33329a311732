import "server-only";
import { randomBytes } from "node:crypto";
import { currentUser } from "@/lib/domains/auth/session";
import { hasCookie, readCookie } from "@/lib/http/cookies";
import { READER_COOKIE, SESSION_COOKIE } from "@/lib/http/credentials";
import { env } from "@/lib/platform/env";

// Who is reading, to count a view once per reader: the signed-in user, or for anyone else a
// random id in a cookie that only the view request sets (pages never set it, so they stay
// shareable in the page cache). A reader who refuses cookies gets a new id, and a new view,
// each time: bounded by the view request's own rate limit.

const ID = /^[A-Za-z0-9_-]{22}$/;
const YEAR_SECONDS = 365 * 86_400;

export type Reader = { id: string; newCookie: string | null };

export async function readerOf(request: Request): Promise<Reader> {
  const cookie = request.headers.get("cookie") ?? undefined;
  if (hasCookie(cookie, SESSION_COOKIE)) {
    const user = await currentUser().catch(() => null);
    if (user) return { id: `user:${user.id}`, newCookie: null };
  }
  const sent = readCookie(cookie, READER_COOKIE);
  if (sent && ID.test(sent)) return { id: `anon:${sent}`, newCookie: null };
  const fresh = randomBytes(16).toString("base64url");
  const secure = env().NODE_ENV === "production" ? "; Secure" : "";
  return {
    id: `anon:${fresh}`,
    newCookie: `${READER_COOKIE}=${fresh}; Path=/; Max-Age=${YEAR_SECONDS}; HttpOnly; SameSite=Lax${secure}`,
  };
}
