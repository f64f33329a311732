import { cacheOverview } from "@/lib/admin/overview";
import { requireAdmin } from "@/lib/domains/auth/session";
import { json, route } from "@/lib/http/api";
import { AppError } from "@/lib/platform/errors";

// GET /api/admin/cache/stats: the admin cache page's figures as JSON (shape: CacheOverview in
// lib/admin/overview.ts, documented in docs/decisions/009-admin-cache-page.md). 401 signed out,
// 403 for anyone but an admin, 503 while Redis does not answer; never cached.
export const dynamic = "force-dynamic";

export const GET = route(async () => {
  await requireAdmin();
  const overview = await cacheOverview().catch(() => {
    throw new AppError(
      "service_unavailable",
      "Redis does not answer; its figures are unavailable for now.",
    );
  });
  return json(overview, { headers: { "Cache-Control": "no-store" } });
});
