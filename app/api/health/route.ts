import { json } from "@/lib/http/api";
import { checkHealth } from "@/lib/platform/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return json(health, {
    status: health.postgres === "down" ? 503 : 200,
    headers: { "Cache-Control": "no-store" },
  });
}
