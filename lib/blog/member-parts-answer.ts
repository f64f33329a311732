// server.ts's answer to `GET /api/me/parts` while the reader's parts are stored: their session
// (state role), then the fragment (cache role), two Redis GETs and no Next. A reader without a
// valid session gets Next's own 401 body at once. Anything it cannot answer (no fragment yet,
// Redis away) goes on to Next (app/api/me/parts/route.ts), which loads, stores and answers.
import type { IncomingMessage, ServerResponse } from "node:http";
import { createCache, currentTrace, runWithTrace, serverTiming } from "@/lib/cache";
import { unsealSid } from "@/lib/domains/auth/session-seal";
import { type SessionRecord, SessionStore, sessionTtl } from "@/lib/domains/auth/session-store";
import { readCookie } from "@/lib/http/cookies";
import { SESSION_COOKIE } from "@/lib/http/credentials";
import type { Env } from "@/lib/platform/env";
import { unauthorized } from "@/lib/platform/errors";
import { cacheRedis, redis } from "@/lib/platform/redis";
import { logger } from "@/lib/util/logger";
import { RESOURCE_POLICY, securityHeaders } from "@/security-headers";
import { MEMBER_PARTS_PATH, type MemberParts, memberPartsKey } from "./member-parts";

/** True when it answered; false to let Next answer. Only for isMemberPartsRequest(req). */
export type MemberPartsAnswer = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Checked before anything is awaited: every other request goes on at once. */
export const isMemberPartsRequest = (req: IncomingMessage): boolean =>
  req.method === "GET" &&
  req.url?.startsWith(MEMBER_PARTS_PATH) === true &&
  (req.url.length === MEMBER_PARTS_PATH.length || req.url[MEMBER_PARTS_PATH.length] === "?");

const signedOut = (() => {
  const { code, message } = unauthorized();
  return JSON.stringify({ error: { code, message } });
})();

export function createMemberPartsAnswer(settings: Env): MemberPartsAnswer {
  const sessions = new SessionStore(redis(), sessionTtl(settings));
  // The fragment cache's namespace (lib/blog-cache/caches.ts), read only: Next's side writes it.
  const fragments = createCache({
    redis: cacheRedis,
    namespace: "cache:fragment",
    disabled: !settings.CACHE_ENABLED,
    commandTimeoutMs: settings.CACHE_COMMAND_TIMEOUT_MS,
    logger,
  });
  const headers = [
    ...securityHeaders({ production: settings.NODE_ENV === "production" }).map(
      ({ key, value }) => [key, value] as const,
    ),
    ["content-security-policy", RESOURCE_POLICY] as const,
    ["content-type", "application/json; charset=utf-8"] as const,
    ["cache-control", "private, no-store"] as const,
  ];
  const send = (res: ServerResponse, status: number, body: string, cache: string) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    res.setHeader("x-cache", cache);
    res.writeHead(status).end(body);
  };
  // Like every API response, it says what its lookup was (Server-Timing), from the cache's trace.
  const lookUp = (userId: number) =>
    runWithTrace(async () => {
      const parts = await fragments.get<MemberParts>(memberPartsKey(userId));
      return { parts, timing: serverTiming(currentTrace() ?? []) };
    });

  return async (req, res) => {
    const sealed = readCookie(req.headers.cookie, SESSION_COOKIE);
    const sid = sealed ? await unsealSid(sealed) : null;
    let record: SessionRecord | null = null;
    if (sid) {
      try {
        record = await sessions.read(sid);
      } catch {
        return false;
      }
    }
    if (!record) {
      send(res, 401, signedOut, "BYPASS");
      return true;
    }
    const { parts, timing } = await lookUp(record.userId);
    res.setHeader("server-timing", timing);
    if (!parts) {
      res.setHeader("x-cache", "MISS");
      return false;
    }
    send(res, 200, JSON.stringify(parts), "HIT");
    return true;
  };
}
