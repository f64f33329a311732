import { requireAdmin } from "@/lib/domains/auth/session";
import { route } from "@/lib/http/api";
import { channels } from "@/lib/realtime/channels";
import { admitEventStream } from "@/lib/realtime/connections";

// Server-Sent Events for the admin cache page's live log: cache invalidations and new posts.
// Admins only (401/403 JSON before any stream opens); not rate limited, like /api/events (proxy.ts),
// but counted against the same connection caps.
export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const admin = await requireAdmin();
  return admitEventStream(request.headers, {
    channels: [channels.cache, channels.posts],
    userId: admin.id,
    signal: request.signal,
  });
});
