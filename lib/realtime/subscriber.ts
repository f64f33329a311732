import "server-only";
import { sideConnection } from "@/lib/platform/redis";
import { SubscriptionHub } from "@/lib/realtime/hub";
import { remember, remembered } from "@/lib/util/remember";

// The one subscribed connection of this process, opened on first use. A connection in
// subscriber mode can run no other command, hence a duplicate of the command client rather
// than the client itself. Remembered (lib/util/remember.ts): dev reloads re-evaluate this module,
// and a new connection per reload would pile up subscriptions.
export function realtimeHub(): SubscriptionHub {
  return remember("realtimeHub", () => new SubscriptionHub(createSubscriber()));
}

export const existingRealtimeHub = () => remembered<SubscriptionHub>("realtimeHub");

// Named after the process, so CLIENT LIST shows which app process holds which subscriptions.
export const subscriberName = () => `realtime-${process.pid}`;

function createSubscriber() {
  return sideConnection(
    { autoResubscribe: false, connectionName: subscriberName() },
    {
      lost: "realtime subscriber lost Redis; live notifications pause until it is back",
      back: "realtime subscriber connected again",
    },
  );
}
