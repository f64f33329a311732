import { recordPageView } from "@/lib/domains/view-counts/page-view";
import { readerOf } from "@/lib/domains/view-counts/reader";
import { json, readJson, route } from "@/lib/http/api";
import { API_KEY_HEADER } from "@/lib/http/credentials";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { AppError } from "@/lib/platform/errors";
import { limitViews } from "@/lib/rate-limit/views";

// POST /api/views { path }: the browser says a page was shown. Counts the page view and, for an
// article, the reader's view (once per 30 minutes), and answers the live count: { views, counted }.
// A view is a page shown to a reader in a browser: a request with an API key is refused (a key
// would be a licence to count). Bounded per reader and per address (lib/rate-limit/views.ts),
// apart from the hourly API limit.
export const POST = route(async (request: Request) => {
  if (request.headers.has(API_KEY_HEADER))
    throw new AppError(
      "forbidden",
      "Views are counted for pages shown in a browser; requests with an API key count none.",
    );
  assertSameOrigin(request.headers);
  return limitViews(
    request.headers,
    () => readerOf(request),
    async (reader) => {
      const body = await readJson(request);
      const result = await recordPageView((body as { path?: unknown } | null)?.path, reader.id);
      const response = json(result, { headers: { "Cache-Control": "no-store" } });
      if (reader.newCookie) response.headers.append("Set-Cookie", reader.newCookie);
      return response;
    },
  );
});
