import "server-only";
import { clientAddress } from "../http/client-address";
import { rateLimitedResponse, withRateLimitHeaders } from "./headers";
import type { RateLimiter } from "./limiter";
import { appSettings, viewsAddressLimiter, viewsLimiter } from "./limiters";

// POST /api/views, the browser's "this page was shown", under two bounds a minute: per reader
// (the signed-in user, or the reader cookie: a reader is counted once per article anyway) and
// per address, whatever readers it claims to be. A client that drops its reader cookie is a new
// reader on every request; its address is not, so new cookies or accounts from one address never
// let it count more than RATE_LIMIT_VIEWS_PER_ADDRESS_PER_MINUTE views a minute.
export async function limitViews<R extends { id: string }>(
  headers: Headers,
  findReader: () => Promise<R>,
  respond: (reader: R) => Promise<Response>,
  limiters: { byReader: RateLimiter; byAddress: RateLimiter } = {
    byReader: viewsLimiter(),
    byAddress: viewsAddressLimiter(),
  },
): Promise<Response> {
  // The address first: it costs nothing to know, and finding the reader may read a session.
  const address = `ip:${clientAddress(headers, appSettings().TRUST_PROXY)}`;
  const byAddress = await limiters.byAddress.hit(address);
  if (!byAddress.allowed) return rateLimitedResponse(limiters.byAddress.policy, byAddress);
  const reader = await findReader();
  const byReader = await limiters.byReader.hit(reader.id);
  if (!byReader.allowed) return rateLimitedResponse(limiters.byReader.policy, byReader);
  return withRateLimitHeaders(await respond(reader), limiters.byReader.policy, byReader);
}
