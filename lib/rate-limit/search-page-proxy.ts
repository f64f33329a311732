import "server-only";
import { type NextRequest, NextResponse } from "next/server";
import { STATUS_HEADER } from "@/lib/http/response-status";
import { rateLimitHeaders, retryAfterSeconds } from "./headers";
import { requestIdentity } from "./identity";
import type { RateLimiter } from "./limiter";
import { appSettings, searchLimiter } from "./limiters";

/** Where an over-the-limit search is rewritten to, with the wait in seconds as `?wait=`. */
const SEARCH_LIMITED_PATH = "/search/slow-down";

// A page cannot set its own status, so the /search page's limit (shared with GET /api/search)
// is decided here, in proxy.ts, before the page renders: a refused search answers 429, with
// Retry-After, and is never stored by a cache in front. Every search counts, including invalid
// ones and prefetches (a header must not be a way around the limit); /search alone, the form,
// does not. `forward` are the request headers to hand on to the page (proxy.ts's, which carry the
// page's Content-Security-Policy).
export async function limitSearchPage(
  request: NextRequest,
  limiter: RateLimiter = searchLimiter(),
  forward?: Headers,
): Promise<Response> {
  const onward = forward ? { request: { headers: forward } } : undefined;
  if (!request.nextUrl.searchParams.has("q")) return NextResponse.next(onward);
  const decision = await limiter.hit(
    await requestIdentity(request.headers, appSettings().TRUST_PROXY),
  );
  const headers = rateLimitHeaders(limiter.policy, decision);
  if (decision.allowed) {
    const response = NextResponse.next(onward);
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  }
  const retryAfter = retryAfterSeconds(decision);
  const target = new URL(`${SEARCH_LIMITED_PATH}?wait=${retryAfter}`, request.url);
  return NextResponse.rewrite(target, {
    ...onward,
    status: 429,
    headers: {
      ...headers,
      "Retry-After": String(retryAfter),
      "Cache-Control": "private, no-store",
      [STATUS_HEADER]: "429",
    },
  });
}
