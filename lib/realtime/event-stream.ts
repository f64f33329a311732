import { remember } from "@/lib/util/remember";
import "server-only";
import { channels as channelNames } from "@/lib/realtime/channels";
import { closes, decodeCloseStreams } from "@/lib/realtime/close-streams";
import { type Delivered, decodeDelivered } from "@/lib/realtime/events";
import type { Listener, SubscriptionHub } from "@/lib/realtime/hub";
import { SSE_HEADERS, sseComment, sseEvent, sseRetry } from "@/lib/realtime/sse";
import { realtimeHub } from "@/lib/realtime/subscriber";

export type EventStreamOptions = {
  channels: string[];
  // The signed-in reader, whose own new posts are not echoed back to them.
  userId?: number | null;
  // Their session's tag (close-streams.ts): the stream closes when that session ends.
  sessionTag?: string | null;
  // The request's signal: aborted when the browser goes away.
  signal: AbortSignal;
  hub?: SubscriptionHub;
  heartbeatMs?: number;
  retryMs?: number;
  // A client that stops reading is dropped once this many chunks wait for it.
  maxQueued?: number;
  // Called once when the stream ends, however it ends (frees its admission slot).
  onClose?: () => void;
};

const streams = remember("realtime-streams", () => ({ open: 0 }));

export const openEventStreams = () => streams.open;

const encoder = new TextEncoder();

const isOwnEcho = (event: Delivered, userId: number | null) =>
  event.type === "post.created" && event.post.author.id === userId;

// Sends the reader each event meant for them; a close-streams message on their own channel that
// names their session ends the stream instead.
function forwardEvents(reader: {
  userId: number | null;
  sessionTag: string | null;
  send: (text: string) => void;
  close: () => void;
}): Listener {
  const { userId, send } = reader;
  const ownChannel = userId === null ? null : channelNames.user(userId);
  return (message, channel) => {
    const closing = channel === ownChannel ? decodeCloseStreams(message) : null;
    if (closing) {
      if (closes(closing, reader.sessionTag)) reader.close();
      return;
    }
    const event = decodeDelivered(message);
    if (!event || isOwnEcho(event, userId)) return;
    send(sseEvent({ id: event.id, event: event.type, data: message }));
  };
}

// An SSE response listening on `channels` until the request is aborted or the body cancelled,
// whichever comes first; both end in the same cleanup, which runs once. Resolves after Redis
// has confirmed the subscriptions (or failed to), so a browser that sees the stream open misses
// nothing published from then on.
export async function openEventStream(options: EventStreamOptions): Promise<Response> {
  const {
    channels,
    signal,
    hub = realtimeHub(),
    heartbeatMs = 15_000,
    retryMs = 3_000,
    maxQueued = 500,
  } = options;
  const userId = options.userId ?? null;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
    },
    cancel: () => close(),
  });

  const send = (text: string) => {
    if (closed) return;
    controller.enqueue(encoder.encode(text));
    if ((controller.desiredSize ?? 0) < -maxQueued) close();
  };
  const onMessage = forwardEvents({ userId, sessionTag: options.sessionTag ?? null, send, close });

  streams.open += 1;
  const subscriptions = channels.map((channel) => hub.listen(channel, onMessage));
  const heartbeat = setInterval(() => send(sseComment("ping")), heartbeatMs);

  function close() {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const subscription of subscriptions) subscription.close();
    signal.removeEventListener("abort", close);
    streams.open -= 1;
    options.onClose?.();
    try {
      controller.close();
    } catch {
      // Already closed: the reader cancelled the body.
    }
  }

  if (signal.aborted) close();
  else signal.addEventListener("abort", close, { once: true });
  send(sseRetry(retryMs) + sseComment("connected"));
  await Promise.all(subscriptions.map((subscription) => subscription.ready));
  return new Response(stream, { headers: SSE_HEADERS });
}
