import type { CacheLogger } from "@/lib/cache";

/** A cache logger that records its messages instead of printing them. */
export function recordingLogger(): CacheLogger & { messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (message) => void messages.push(message) };
}
