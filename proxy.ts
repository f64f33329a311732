import type { NextRequest } from "next/server";
import { limitApiRequest } from "@/lib/rate-limit/api-proxy";
import { limitSearchPage } from "@/lib/rate-limit/search-page-proxy";

// Next.js 16's proxy (formerly middleware) runs on the Node.js runtime before routes, so every
// /api/* request is counted here, including routes that do not go through route(); so is every
// search on the /search page, which must answer 429 when refused and a page cannot set its own
// status. See docs/decisions/004-rate-limiting.md.
export function proxy(request: NextRequest): Promise<Response> {
  return request.nextUrl.pathname === "/search" ? limitSearchPage(request) : limitApiRequest(request);
}

// Not /api/health (load balancers poll it), nor /api/events and /api/admin/events (one
// long-lived Server-Sent Events connection per page, which reconnects by itself), nor /api/views
// (one per page shown, under a per-minute limit of its own). Matchers must be literal constants.
export const config = {
  matcher: ["/api/((?!(?:health|events|admin/events|views)(?:/|$)).*)", "/search"],
};
