import { route } from "@/lib/http";
import { channelsFor } from "@/lib/realtime/channels";
import { sessionTag } from "@/lib/realtime/close-streams";
import { openEventStream } from "@/lib/realtime/event-stream";
import { getSession } from "@/lib/session";

// Server-Sent Events: new posts for everyone, plus the reader's own notifications when signed
// in. The session is read once, at connect; the browser reopens the stream when the signed-in
// user changes (components/LiveNotifications.tsx), and the server closes it when the session is
// ended, from any device (lib/realtime/close-streams.ts).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const session = await getSession();
  const userId = session?.user.id;
  return openEventStream({ channels: channelsFor(userId), userId, sessionTag: session && sessionTag(session.sid), signal: request.signal });
});
