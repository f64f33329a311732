import "server-only";
import { openEventStreams } from "@/lib/realtime/event-stream";
import { existingRealtimeHub } from "@/lib/realtime/subscriber";

export type RealtimeStats = {
  // SSE responses this process is streaming right now.
  connections: number;
  // Channels this process is subscribed to, with how many listeners each.
  channels: { channel: string; listeners: number }[];
};

// For the admin page and tests. Does not open the subscriber connection just to report on it.
export function realtimeStats(): RealtimeStats {
  return { connections: openEventStreams(), channels: existingRealtimeHub()?.stats() ?? [] };
}
