import "server-only";
import { logger } from "@/lib/logger";
import { SubscriptionHub } from "@/lib/realtime/hub";
import { errorMessage } from "@/lib/realtime/log";
import { redis } from "@/lib/redis";

// The one subscribed connection of this process, opened on first use. A connection in
// subscriber mode can run no other command, hence a duplicate of the command client rather
// than the client itself. Remembered on globalThis like lib/db.ts: dev reloads re-evaluate
// this module, and a new connection per reload would pile up subscriptions.
const globalForRealtime = globalThis as unknown as { realtimeHub?: SubscriptionHub };

export function realtimeHub(): SubscriptionHub {
  globalForRealtime.realtimeHub ??= new SubscriptionHub(createSubscriber());
  return globalForRealtime.realtimeHub;
}

export const existingRealtimeHub = (): SubscriptionHub | undefined => globalForRealtime.realtimeHub;

// Named after the process, so CLIENT LIST shows which app process holds which subscriptions.
export const subscriberName = () => `realtime-${process.pid}`;

function createSubscriber() {
  const connection = redis().duplicate({
    autoResubscribe: false,
    connectionName: subscriberName(),
  });
  let down = false;
  connection.on("error", (error) => {
    if (down) return;
    down = true;
    logger.warn("realtime subscriber lost Redis; live notifications pause until it is back", {
      error: errorMessage(error),
    });
  });
  connection.on("ready", () => {
    if (down) logger.info("realtime subscriber connected again");
    down = false;
  });
  return connection;
}
