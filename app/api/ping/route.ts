// Liveness without touching Postgres or Redis: the cheapest answer the framework can give. The
// benchmark measures it as the ceiling a cached response can approach.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ ok: true });
}
