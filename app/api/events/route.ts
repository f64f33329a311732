import { route } from "@/lib/http";
import { channelsFor } from "@/lib/realtime/channels";
import { openEventStream } from "@/lib/realtime/event-stream";
import { currentUser } from "@/lib/session";

// Server-Sent Events: new posts for everyone, plus the reader's own notifications when signed
// in. The session is read once, at connect; the browser reopens the stream when the signed-in
// user changes (components/LiveNotifications.tsx).
export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const user = await currentUser();
  return openEventStream({ channels: channelsFor(user?.id), userId: user?.id, signal: request.signal });
});
