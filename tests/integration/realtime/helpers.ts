// Shared by the realtime integration tests: read an SSE response the way a browser would,
// and ask Redis itself (not our own bookkeeping) who is subscribed to what.

import { vi } from "vitest";
import type { RedisClient } from "@/lib/redis/client";

export type Frame = {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
  comment?: string;
};

// Enough of the WHATWG parser for our own streams: one field per line, blank line ends a frame.
export function parseFrames(text: string): Frame[] {
  return text
    .split("\n\n")
    .slice(0, -1)
    .map((block) => {
      const frame: Frame = {};
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) frame.comment = line.slice(1).trim();
        const [, field, value] = /^(id|event|data|retry): ?(.*)$/.exec(line) ?? [];
        if (field === "retry") frame.retry = Number(value);
        else if (field === "data")
          frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
        else if (field) frame[field as "id" | "event"] = value;
      }
      return frame;
    });
}

// Tests look into payloads freely.
// biome-ignore lint/suspicious/noExplicitAny: assertions read nested fields without casts
type Payload = Record<string, any>;

export type SseReader = ReturnType<typeof readSse>;

export function readSse(response: Response) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let ended = false;
  void (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  })()
    .catch(() => {})
    .finally(() => (ended = true));
  return {
    text: () => text,
    ended: () => ended,
    events: () => parseFrames(text).filter((frame) => frame.event),
    // Channels are shared by every process on this Redis (other test runs too): match on content.
    waitForEvent: (type: string, match: (payload: Payload) => boolean = () => true) =>
      vi.waitFor(
        () => {
          const found = parseFrames(text)
            .filter((frame) => frame.event === type)
            .map((frame) => ({ ...frame, payload: JSON.parse(frame.data!) as Payload }))
            .find((frame) => match(frame.payload));
          if (!found)
            throw new Error(
              `no matching ${type} event yet; stream so far: ${JSON.stringify(text)}`,
            );
          return found;
        },
        { timeout: 5_000, interval: 20 },
      ),
    cancel: () => reader.cancel(),
  };
}

// Subscribers of a channel across every connection to this Redis.
export async function numsub(client: RedisClient, channel: string): Promise<number> {
  const [, count] = (await client.pubsub("NUMSUB", channel)) as [string, number];
  return Number(count);
}

// Channel subscriptions held by one named connection, from CLIENT LIST's `sub=` field.
export async function subscriptionsOf(
  client: RedisClient,
  connectionName: string,
): Promise<number> {
  const list = (await client.client("LIST")) as string;
  const line = list.split("\n").find((entry) => entry.includes(` name=${connectionName} `));
  return line ? Number(/ sub=(\d+)/.exec(line)![1]) : 0;
}

export const eventually = <T>(assertion: () => T | Promise<T>): Promise<T> =>
  vi.waitFor(assertion, { timeout: 5_000, interval: 20 });
