import "server-only";
import { type NextRequest, NextResponse } from "next/server";
import { rateLimitedResponse, rateLimitHeaders } from "./headers";
import { requestIdentity } from "./identity";
import type { RateLimiter } from "./limiter";
import { apiLimiter, appSettings } from "./limiters";

// Routes that send the headers of a stricter limit of their own (withRateLimit). Headers the
// proxy sets win over the route's (Next.js keeps the first value), so here it leaves them out;
// the request still counts against the API limit.
const ROUTES_WITH_THEIR_OWN_LIMIT = new Set(["/api/search"]);

// The API-wide sliding-log limit, run by proxy.ts before any /api/* route handler.
export async function limitApiRequest(
  request: NextRequest,
  limiter: RateLimiter = apiLimiter(),
): Promise<Response> {
  const decision = await limiter.hit(
    await requestIdentity(request.headers, appSettings().TRUST_PROXY),
  );
  if (!decision.allowed) return rateLimitedResponse(limiter.policy, decision);
  const response = NextResponse.next();
  if (!ROUTES_WITH_THEIR_OWN_LIMIT.has(request.nextUrl.pathname)) {
    for (const [name, value] of Object.entries(rateLimitHeaders(limiter.policy, decision)))
      response.headers.set(name, value);
  }
  return response;
}
