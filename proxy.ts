import { type NextRequest, NextResponse } from "next/server";
import { json } from "@/lib/http/api";
import { CSP_HEADER, pagePolicy } from "@/lib/http/page-policy";
import { crossSiteReason } from "@/lib/http/same-origin";
import { limitApiRequest } from "@/lib/rate-limit/api-proxy";
import { limitSearchPage } from "@/lib/rate-limit/search-page-proxy";
import { RESOURCE_POLICY } from "./security-headers.js";

// Next.js 16's proxy (formerly middleware) runs on the Node.js runtime before routes:
// - every /api/* request is counted here, including routes that do not go through route()
//   (docs/decisions/004-rate-limiting.md);
// - so is every search on the /search page, which must answer 429 when refused, and a page
//   cannot set its own status;
// - every request that may change something on a page must come from this site's pages: a server
//   action called by script (a POST with a Next-Action header), and a form posted before or
//   without JavaScript (a multipart or urlencoded POST that carries the action in its fields, no
//   header). Next.js compares Origin with Host itself but lets a request without Origin through,
//   so a client that sends neither Origin nor Sec-Fetch-Site is refused here;
// - every page gets its Content-Security-Policy here, with a nonce of its own, which Next reads
//   from the request (lib/http/page-policy.ts, docs/decisions/027-csp-nonces-and-hashes.md).
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export async function proxy(request: NextRequest): Promise<Response> {
  const { pathname } = request.nextUrl;
  const toPage = !pathname.startsWith("/api/") && !SAFE_METHODS.has(request.method);
  if (toPage || request.headers.has("next-action")) {
    const reason = crossSiteReason(request.headers);
    if (reason) {
      return json(
        {
          error: { code: "forbidden", message: `Cross-site requests are not allowed (${reason}).` },
        },
        { status: 403, headers: { [CSP_HEADER]: RESOURCE_POLICY } },
      );
    }
  }
  if (pathname.startsWith("/api/")) return limitApiRequest(request);
  const { policy, forward } = pagePolicy(request.headers);
  const response =
    pathname === "/search"
      ? await limitSearchPage(request, undefined, forward)
      : NextResponse.next({ request: { headers: forward } });
  response.headers.set(CSP_HEADER, policy);
  return response;
}

// /api/*, except /api/health (load balancers poll it), /api/metrics (Prometheus scrapes it, behind
// its own token), /api/events and /api/admin/events (one long-lived Server-Sent Events connection
// per page, which reconnects by itself), /api/views (one per page shown, under a per-minute
// limit of its own) and /api/me/parts (a signed-in reader's parts of each shared page they load:
// bounded as a page is, one sidebar render per member per fragment lifetime); the /search page, prefetches included; any request that carries Next-Action (a
// server action); any request to a page with a body (a form post always has a Content-Type); and
// every page a browser loads as a document, for its policy: every path but the API and Next's
// static files, unless it asks for an RSC payload (client-side navigation and prefetches, whose
// responses are not documents and are not given a policy). The static files and the API get theirs
// from next.config.js; a page cache HIT is answered before Next, with the policy stored with the
// page. Matchers must be literal constants.
export const config = {
  matcher: [
    "/api/((?!(?:health|metrics|events|admin/events|views|me/parts)(?:/|$)).*)",
    "/search",
    { source: "/((?!_next/static|_next/image).*)", has: [{ type: "header", key: "next-action" }] },
    {
      source: "/((?!api/|_next/static|_next/image).*)",
      has: [{ type: "header", key: "content-type" }],
    },
    { source: "/((?!api/|_next/).*)", missing: [{ type: "header", key: "rsc" }] },
  ],
};
