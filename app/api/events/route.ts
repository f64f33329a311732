import { currentUser, getSession } from "@/lib/domains/auth/session";
import { route } from "@/lib/http/api";
import { channelsFor } from "@/lib/realtime/channels";
import { sessionTag } from "@/lib/realtime/close-streams";
import { admitEventStream, eventStreamAdmissionStatus } from "@/lib/realtime/connections";

// Server-Sent Events: new posts for everyone, plus the reader's own notifications when signed
// in. The session is read once, at connect; the browser reopens the stream when the signed-in
// user changes (components/LiveNotifications.tsx), and the server closes it when the session is
// ended, from any device (lib/realtime/close-streams.ts). Streams are capped per reader and per
// process (429 / 503 with Retry-After); HEAD says whether a GET would be admitted now.
export const dynamic = "force-dynamic";

export const GET = route(async (request: Request) => {
  const session = await getSession();
  const userId = session?.user.id;
  return admitEventStream(request.headers, {
    channels: channelsFor(userId),
    userId,
    sessionTag: session && sessionTag(session.sid),
    signal: request.signal,
  });
});

export const HEAD = route(async (request: Request) =>
  eventStreamAdmissionStatus(request.headers, (await currentUser())?.id),
);
