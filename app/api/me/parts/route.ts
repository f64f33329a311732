import { getMemberParts } from "@/lib/blog/sidebar";
import { requireUser } from "@/lib/domains/auth/session";
import { json, route } from "@/lib/http/api";

// The signed-in reader's parts of a shared page (lib/blog/member-parts.ts). server.ts answers
// from Redis while the fragment is stored; this is its miss: loaded, stored, answered. 401 JSON
// for a reader without a session.
export const GET = route(async () => {
  const parts = await getMemberParts(await requireUser());
  return json(parts, { headers: { "Cache-Control": "private, no-store" } });
});
