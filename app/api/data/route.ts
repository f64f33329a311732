import { cachedRoute } from "@/lib/blog-cache/caches";
import { getSiteCounts } from "@/lib/domains/site/queries";
import { json, route } from "@/lib/http/api";

// The tutorial's api cache (Redis DB 0, 300 s) behind a route: site totals for API clients.
export const GET = route(
  cachedRoute(
    "api",
    async () => json({ ...(await getSiteCounts()), generatedAt: new Date().toISOString() }),
    { timeout: 300, keyPrefix: "data" },
  ),
);
