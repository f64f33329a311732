import { recordPageView } from "@/lib/domains/view-counts/page-view";
import { readerOf } from "@/lib/domains/view-counts/reader";
import { json, readJson, route } from "@/lib/http/api";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { viewsLimiter } from "@/lib/rate-limit/limiters";
import { withRateLimit } from "@/lib/rate-limit/with-rate-limit";

// POST /api/views { path }: the browser says a page was shown. Counts the page view and, for an
// article, the reader's view (once per 30 minutes), and answers the live count: { views, counted }.
// Its own limit (RATE_LIMIT_VIEWS_PER_MINUTE), apart from the hourly API limit.
export const POST = route(
  withRateLimit(viewsLimiter, async (request: Request) => {
    assertSameOrigin(request.headers);
    const body = await readJson(request);
    const reader = await readerOf(request);
    const result = await recordPageView((body as { path?: unknown } | null)?.path, reader.id);
    const response = json(result, { headers: { "Cache-Control": "no-store" } });
    if (reader.newCookie) response.headers.append("Set-Cookie", reader.newCookie);
    return response;
  }),
);
