import "server-only";
import { errorResponse } from "@/lib/http/api";
import { rateLimitedResponse, withRateLimitHeaders } from "./headers";
import { requestIdentity } from "./identity";
import type { RateLimiter } from "./limiter";
import { appSettings, searchLimiter } from "./limiters";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

// Wraps a route handler in a limit of its own: over the limit it answers 429 without running the
// handler; otherwise the handler's response (errors included) carries the limit's headers.
export function withRateLimit<C>(limiter: () => RateLimiter, handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    const { policy, hit } = limiter();
    const decision = await hit(await requestIdentity(request.headers, appSettings().TRUST_PROXY));
    if (!decision.allowed) return rateLimitedResponse(policy, decision);
    const response = await handler(request, context).catch(errorResponse);
    return withRateLimitHeaders(response, policy, decision);
  };
}

// GET /api/search: `export const GET = route(withSearchRateLimit(async (request) => …))`.
export function withSearchRateLimit<C>(handler: Handler<C>): Handler<C> {
  return withRateLimit(searchLimiter, handler);
}
