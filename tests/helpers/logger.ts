import type { WarnLogger } from "@/lib/redis/throttled-log";

/** A cache logger that records its messages instead of printing them. */
export function recordingLogger(): WarnLogger & { messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (message) => void messages.push(message) };
}
