import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { sealSid, sessionCookieSeconds, unsealSid } from "@/lib/domains/auth/session-seal";
import { SessionStore, sessionTtl } from "@/lib/domains/auth/session-store";
import { getCurrentRole, getUser, type PublicUser } from "@/lib/domains/users/queries";
import { SESSION_COOKIE } from "@/lib/http/credentials";
import { env } from "@/lib/platform/env";
import { AppError, forbidden, unauthorized } from "@/lib/platform/errors";
import { redis } from "@/lib/platform/redis";
import { closeUserStreams, sessionTag } from "@/lib/realtime/close-streams";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";

function store() {
  return new SessionStore(redis(), sessionTtl(env()));
}

// The cookie carries only a sealed random session id; who the user is lives in Redis.
async function sidFromCookie(): Promise<string | null> {
  const sealed = (await cookies()).get(SESSION_COOKIE)?.value;
  return sealed ? unsealSid(sealed) : null;
}

export type Session = { sid: string; user: PublicUser };

// Once per request. A Redis outage reads as "signed out" rather than an error page.
export const getSession = cache(async (): Promise<Session | null> => {
  const sid = await sidFromCookie();
  if (!sid) return null;
  try {
    const record = await store().read(sid);
    if (!record) return null;
    const user = await getUser(record.userId);
    return user ? { sid, user } : null;
  } catch (error) {
    logger.warn("session store unavailable; treating request as signed out", {
      error: errorMessage(error),
    });
    return null;
  }
});

export async function currentUser(): Promise<PublicUser | null> {
  return (await getSession())?.user ?? null;
}

export async function requireSession(): Promise<Session> {
  const session = await getSession();
  if (!session) throw unauthorized();
  return session;
}

export async function requireUser(): Promise<PublicUser> {
  return (await requireSession()).user;
}

// The role is read from Postgres, not from the cached user: a demoted admin loses access at
// once, not when the cache entry expires. Admin requests are few; the query is by primary key.
export async function requireAdmin(): Promise<PublicUser> {
  const user = await requireUser();
  if ((await getCurrentRole(user.id)) !== "ADMIN")
    throw forbidden("This page is for administrators.");
  return { ...user, role: "ADMIN" };
}

function unavailable(): AppError {
  return new AppError(
    "service_unavailable",
    "Signing in is unavailable for a moment: the session store does not answer. Please try again shortly.",
  );
}

// Rotates the session id at sign-in: the previous session record, if any, is deleted.
export async function startSession(userId: number, remember: boolean): Promise<void> {
  const previous = await sidFromCookie();
  const sessions = store();
  let sid: string;
  try {
    if (previous) await sessions.destroy(previous);
    sid = await sessions.create(userId, remember);
  } catch {
    throw unavailable();
  }
  (await cookies()).set(SESSION_COOKIE, await sealSid(sid), {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NODE_ENV === "production",
    path: "/",
    // Without "remember me" the cookie ends with the browser (Flask's SESSION_PERMANENT=False).
    ...(remember && { maxAge: sessionCookieSeconds() }),
  });
}

export async function endSession(): Promise<void> {
  const session = await getSession();
  const sid = await sidFromCookie();
  (await cookies()).delete(SESSION_COOKIE);
  if (sid)
    await store()
      .destroy(sid)
      .catch(() => {});
  // Other tabs of this browser keep a stream of this session open: it closes too.
  if (session) await closeUserStreams(session.user.id, { only: sessionTag(session.sid) });
}

// "Sign out everywhere": every session of the user, this one included.
export async function endEverySession(): Promise<number> {
  const session = await getSession();
  if (!session) throw unauthorized();
  let ended: number;
  try {
    ended = await store().destroyAllOf(session.user.id);
  } catch {
    throw unavailable();
  }
  (await cookies()).delete(SESSION_COOKIE);
  await closeUserStreams(session.user.id);
  return ended;
}

// After a password change the other devices must sign in again; their live streams close.
export async function endOtherSessions(): Promise<number> {
  const session = await getSession();
  if (!session) throw unauthorized();
  const ended = await store().destroyAllOf(session.user.id, session.sid);
  await closeUserStreams(session.user.id, { except: sessionTag(session.sid) });
  return ended;
}
