// Realtime: Redis pub/sub relayed to browsers as Server-Sent Events. Infrastructure below the
// domains: imports lib/platform/, lib/http/, lib/redis/ and lib/util/ only. Writes (domains,
// invalidation, admin) publish through publish.ts; app/api/events and app/api/admin/events open
// streams through connections.ts; events.ts is shared with the browser (lib/browser/).
//   events.ts         the event types, EVENT_TYPES, decodeDelivered (no server imports)
//   channels.ts       channel names (<prefix>:posts, :cache, :user:<id>), channelsFor(userId)
//   publish.ts        one PUBLISH per kind of event; never throws, false if Redis did not take it
//   hub.ts            SubscriptionHub: SUBSCRIBE on a channel's first listener (this file)
//   subscriber.ts     the process's one hub on its own subscriber connection (realtimeHub)
//   event-stream.ts   openEventStream: one SSE response; heartbeat, slow readers dropped, cleanup
//   sse.ts            the SSE wire format: event, comment and retry lines, SSE_HEADERS
//   admission.ts      StreamAdmission: open streams per identity and in total; 429 or 503
//   stream-leases.ts  a reader's streams on every process, as leases in Redis (renewed, run out)
//   connections.ts    admitEventStream (GET) and eventStreamAdmissionStatus (HEAD) for the routes
//   close-streams.ts  ending sessions closes their streams: a control message, sessionTag hash
//   stats.ts          realtimeStats: open streams and listeners per channel, for the admin page
//   describe.ts       what a toast says about each event (components/LiveNotifications.tsx)
// This file: SubscriptionHub, many listeners on one subscribed connection, channels counted.

import { ThrottledLog } from "@/lib/redis";
import type { RedisClient } from "@/lib/redis/client";
import { errorMessage } from "@/lib/util/error-message";

export type Listener = (message: string, channel: string) => void;

// `ready` settles once Redis has confirmed the channel (false when it could not: the hub then
// subscribes again when the connection is back). `close` is idempotent.
export type Subscription = { ready: Promise<boolean>; close(): void };

type Channel = { listeners: Set<Listener>; subscribed: Promise<boolean> };

// Many listeners (one per SSE client), one subscribed Redis connection. Channels are
// reference-counted: SUBSCRIBE on the first listener, UNSUBSCRIBE when the last one leaves.
// There is a single ioredis 'message' handler for the whole process, dispatching to
// per-channel sets, so clients coming and going never add ioredis listeners.
// Commands go out on one connection in the order they are issued, so a quick
// subscribe/unsubscribe/subscribe sequence ends in the state the map describes.
export class SubscriptionHub {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly subscriber: RedisClient,
    private readonly log = new ThrottledLog(),
  ) {
    subscriber.on("message", (channel: string, message: string) => this.dispatch(channel, message));
    // Give the connection `autoResubscribe: false`: ioredis would only restore the channels whose
    // SUBSCRIBE had succeeded, while the map also holds those that failed during an outage.
    subscriber.on("ready", () => this.resubscribe());
  }

  listen(channel: string, listener: Listener): Subscription {
    // A wrapper per call, so the same function listening twice is counted twice.
    const entry: Listener = (message, from) => listener(message, from);
    let state = this.channels.get(channel);
    if (!state) {
      state = { listeners: new Set(), subscribed: this.subscribe([channel]) };
      this.channels.set(channel, state);
    }
    state.listeners.add(entry);
    let closed = false;
    return {
      ready: state.subscribed,
      close: () => {
        if (closed) return;
        closed = true;
        this.remove(channel, entry);
      },
    };
  }

  listenerCount(channel: string): number {
    return this.channels.get(channel)?.listeners.size ?? 0;
  }

  stats(): { channel: string; listeners: number }[] {
    return [...this.channels]
      .map(([channel, state]) => ({ channel, listeners: state.listeners.size }))
      .sort((a, b) => a.channel.localeCompare(b.channel));
  }

  private remove(channel: string, entry: Listener): void {
    const state = this.channels.get(channel);
    if (!state?.listeners.delete(entry) || state.listeners.size > 0) return;
    this.channels.delete(channel);
    this.unsubscribe(channel);
  }

  private dispatch(channel: string, message: string): void {
    const state = this.channels.get(channel);
    if (!state) {
      // Left over from an UNSUBSCRIBE that failed: drop it now that Redis answers again.
      this.unsubscribe(channel);
      return;
    }
    for (const listener of [...state.listeners]) {
      try {
        listener(message, channel);
      } catch (error) {
        this.log.warn("listener", "realtime: a listener failed", {
          channel,
          error: errorMessage(error),
        });
      }
    }
  }

  private subscribe(channels: string[]): Promise<boolean> {
    return this.subscriber.subscribe(...channels).then(
      () => true,
      (error: unknown) => {
        this.log.warn("subscribe", "realtime: SUBSCRIBE failed; retrying when Redis is back", {
          channels: channels.slice(0, 10),
          error: errorMessage(error),
        });
        return false;
      },
    );
  }

  private unsubscribe(channel: string): void {
    this.subscriber.unsubscribe(channel).catch((error: unknown) => {
      this.log.warn("unsubscribe", "realtime: UNSUBSCRIBE failed", {
        channel,
        error: errorMessage(error),
      });
    });
  }

  private resubscribe(): void {
    const wanted = [...this.channels.keys()];
    if (wanted.length > 0) void this.subscribe(wanted);
  }
}
