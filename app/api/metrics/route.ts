import { metricsText } from "@/lib/admin/metrics";
import { bearerTokenMatches } from "@/lib/http/bearer";
import { env } from "@/lib/platform/env";

export const dynamic = "force-dynamic";

// GET /api/metrics: Prometheus' text format, for a scraper holding METRICS_TOKEN (sent as
// `Authorization: Bearer <token>`). Off (404) while the token is unset. Outside the hourly API
// limit (proxy.ts): a scrape every 15 s is 240 an hour.
export async function GET(request: Request): Promise<Response> {
  const token = env().METRICS_TOKEN;
  if (!token) return new Response("Not Found\n", { status: 404 });
  if (!bearerTokenMatches(request.headers.get("authorization"), token))
    return new Response("Unauthorized: send Authorization: Bearer <METRICS_TOKEN>.\n", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store" },
    });
  const { body, contentType } = await metricsText();
  return new Response(body, {
    headers: { "Content-Type": contentType, "Cache-Control": "no-store" },
  });
}
