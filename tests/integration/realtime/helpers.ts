// Shared by the realtime integration tests: read an SSE response the way a browser would,
// and ask Redis itself (not our own bookkeeping) who is subscribed to what. On a Redis Cluster
// (`npm run test:cluster`) classic pub/sub subscriptions live on the one node each subscriber
// connected to, and PUBSUB NUMSUB, CLIENT LIST and PUBLISH's reply are each node's own: they are
// asked of every node.

import { Cluster, type Redis } from "ioredis";
import { vi } from "vitest";
import { type RedisClient, whenReady } from "@/lib/redis/client";

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

// Every server of the deployment: the one Redis, or each node of the Cluster (masters and
// replicas: a Cluster client's subscriber may connect to either). A Cluster lists its nodes only
// once it has read the slot map.
export async function everyNode(client: RedisClient): Promise<Redis[]> {
  if (!(client instanceof Cluster)) return [client];
  await whenReady(client, 5_000);
  return client.nodes("all");
}

async function sumOverNodes(
  client: RedisClient,
  count: (node: Redis) => Promise<number>,
): Promise<number> {
  const counts = await Promise.all((await everyNode(client)).map(count));
  return counts.reduce((sum, n) => sum + n, 0);
}

// Subscribers of a channel across every connection to this Redis (every node of a Cluster).
export function numsub(client: RedisClient, channel: string): Promise<number> {
  return sumOverNodes(client, async (node) => {
    const [, count] = (await node.pubsub("NUMSUB", channel)) as [string, number];
    return Number(count);
  });
}

// The one server holding a subscription to `channel` (on a Cluster, the node its subscriber
// connected to), to PUBLISH there: a node's reply counts only its own subscribers.
export async function nodeSubscribedTo(client: RedisClient, channel: string): Promise<Redis> {
  const nodes = await everyNode(client);
  const counts = await Promise.all(nodes.map((node) => numsub(node, channel)));
  const holding = nodes.filter((_, i) => counts[i] > 0);
  if (holding.length !== 1)
    throw new Error(`${holding.length} servers hold subscriptions to ${channel}, not one`);
  return holding[0];
}

// How many connections anywhere receive a message published now: on a Cluster it is published
// on every node and their replies summed, since each node counts its own subscribers only. For a
// channel that should have none (any subscriber there is would get a copy from every node).
export function publishEverywhere(
  client: RedisClient,
  channel: string,
  message: string,
): Promise<number> {
  return sumOverNodes(client, (node) => node.publish(channel, message));
}

// Channel subscriptions held by one named connection, from CLIENT LIST's `sub=` field, on every
// node. A Cluster client subscribes on a connection of its own that ioredis names
// `ioredis-cluster(subscriber):<connectionName>`; its other connections keep the plain name.
export function subscriptionsOf(client: RedisClient, connectionName: string): Promise<number> {
  const names = new Set([` name=${connectionName} `]);
  if (client instanceof Cluster) names.add(` name=ioredis-cluster(subscriber):${connectionName} `);
  return sumOverNodes(client, async (node) => {
    const list = (await node.client("LIST")) as string;
    return list
      .split("\n")
      .filter((line) => [...names].some((name) => line.includes(name)))
      .reduce((sum, line) => sum + Number(/ sub=(\d+)/.exec(line)![1]), 0);
  });
}

export const eventually = <T>(assertion: () => T | Promise<T>): Promise<T> =>
  vi.waitFor(assertion, { timeout: 5_000, interval: 20 });
