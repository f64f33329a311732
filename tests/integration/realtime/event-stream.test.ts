// The SSE stream of GET /api/events, driven the way the route drives it, with the process's
// real subscriber on the test Redis. What is left behind after a client goes is counted by
// Redis itself (PUBSUB NUMSUB, CLIENT LIST; on every node of a Cluster) as well as by our own
// counters.

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channels, channelsFor } from "@/lib/realtime/channels";
import { openEventStream } from "@/lib/realtime/event-stream";
import { publishCommented, publishPostCreated } from "@/lib/realtime/publish";
import { realtimeStats } from "@/lib/realtime/stats";
import { realtimeHub, subscriberName } from "@/lib/realtime/subscriber";
import type { RedisClient } from "@/lib/redis/client";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { testRedis } from "../../helpers/redis";
import {
  eventually,
  everyNode,
  numsub,
  publishEverywhere,
  readSse,
  subscriptionsOf,
} from "./helpers";

type User = Awaited<ReturnType<typeof makeUser>>;
let reader: User;
let other: User;
let admin: RedisClient;

beforeAll(async () => {
  [reader, other] = await Promise.all([makeUser(), makeUser()]);
  admin = testRedis();
});
afterAll(async () => {
  await deleteUsers(reader.id, other.id);
  admin.disconnect();
});

const postBy = (author: User, label: string) => {
  const title = `${label} ${randomBytes(4).toString("hex")}`;
  return { id: 9_000_000 + author.id, slug: `slug-${author.id}`, title, author };
};
// A post.created message as publishPostCreated sends it, for a test to publish on a node of its choice.
const deliveredPostCreated = ({ author, ...post }: ReturnType<typeof postBy>) =>
  JSON.stringify({
    type: "post.created",
    post: { ...post, author: { id: author.id, username: author.username, name: author.name } },
    id: randomBytes(8).toString("hex"),
    at: new Date().toISOString(),
  });
const titled = (title: string) => (payload: { post?: { title?: string } }) =>
  payload.post?.title === title;

function open(options: { userId?: number | null; heartbeatMs?: number; maxQueued?: number } = {}) {
  const controller = new AbortController();
  const userId = options.userId === undefined ? reader.id : options.userId;
  const response = openEventStream({
    ...options,
    channels: channelsFor(userId),
    userId,
    signal: controller.signal,
  });
  return { controller, response };
}

async function expectNothingLeft(userId: number) {
  await eventually(async () => {
    expect(await numsub(admin, channels.user(userId))).toBe(0);
    expect(await subscriptionsOf(admin, subscriberName())).toBe(0);
  });
  expect(realtimeStats()).toEqual({ connections: 0, channels: [] });
  // Nobody anywhere receives the user's channel any more.
  expect(await publishEverywhere(admin, channels.user(userId), "{}")).toBe(0);
}

describe("openEventStream", () => {
  it("answers with SSE headers, a retry hint, then the events of its channels with their ids", async () => {
    const { controller, response } = open({ heartbeatMs: 50 });
    const res = await response;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const stream = readSse(res);

    // Subscribed before the response was handed over: an event published now is not missed.
    await publishCommented(reader.id, { id: 1, slug: "a-post", title: "A post" }, other);
    const comment = await stream.waitForEvent("comment.created");
    expect(comment.id).toBe(comment.payload.id);
    expect(comment.payload).toMatchObject({
      type: "comment.created",
      post: { id: 1, slug: "a-post", title: "A post" },
      by: { id: other.id, username: other.username, name: other.name },
    });
    expect(stream.text()).toMatch(/^retry: 3000\n\n: connected\n\n/);
    await eventually(() => expect(stream.text()).toContain(": ping\n\n"));

    controller.abort();
    await eventually(() => expect(stream.ended()).toBe(true));
    await expectNothingLeft(reader.id);
  });

  it("does not echo a reader's own new post back to them, but delivers everyone else's", async () => {
    const { controller, response } = open();
    const stream = readSse(await response);
    const mine = postBy(reader, "Mine");
    const theirs = postBy(other, "Theirs");
    await publishPostCreated(mine);
    await publishPostCreated(theirs);
    const post = await stream.waitForEvent("post.created", titled(theirs.title));
    expect(post.payload).toMatchObject({ post: { author: { id: other.id } } });
    // Redis delivers one channel's messages in order: "Mine" would have come first. On a Cluster
    // each PUBLISH goes to whichever node the client picks and reaches the subscriber's node in
    // order only per link, so a marker published afterwards on every node proves it came.
    const nodes = await everyNode(admin);
    const markers = nodes.map((_, i) => postBy(other, `Marker ${i}`));
    await Promise.all(
      nodes.map((node, i) => node.publish(channels.posts, deliveredPostCreated(markers[i]))),
    );
    for (const marker of markers) await stream.waitForEvent("post.created", titled(marker.title));
    expect(stream.events().some((frame) => frame.data?.includes(mine.title))).toBe(false);
    controller.abort();
    await expectNothingLeft(reader.id);
  });

  it("gives an anonymous visitor new posts and nothing addressed to a user", async () => {
    const { controller, response } = open({ userId: null });
    const stream = readSse(await response);
    expect(realtimeHub().stats()).toEqual([{ channel: channels.posts, listeners: 1 }]);
    await publishCommented(reader.id, { id: 1, slug: "a-post", title: "A post" }, other);
    const post = postBy(other, "For everyone");
    await publishPostCreated(post);
    await stream.waitForEvent("post.created", titled(post.title));
    expect(stream.events().filter((frame) => frame.event !== "post.created")).toEqual([]);
    controller.abort();
    await expectNothingLeft(reader.id);
  });

  it.each(["request signal aborted", "response body cancelled"])(
    "leaves no subscription, listener or connection behind when the %s",
    async (how) => {
      const { controller, response } = open();
      const stream = readSse(await response);
      expect(await numsub(admin, channels.user(reader.id))).toBe(1);
      expect(await subscriptionsOf(admin, subscriberName())).toBe(2);
      expect(realtimeStats()).toEqual({
        connections: 1,
        channels: [
          { channel: channels.posts, listeners: 1 },
          { channel: channels.user(reader.id), listeners: 1 },
        ],
      });

      if (how === "request signal aborted") controller.abort();
      else await stream.cancel();

      await expectNothingLeft(reader.id);
    },
  );

  it("serves 50 clients of one user with one Redis subscription per channel", async () => {
    const clients = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const { controller, response } = open();
        return { controller, stream: readSse(await response) };
      }),
    );
    expect(await numsub(admin, channels.user(reader.id))).toBe(1);
    expect(await subscriptionsOf(admin, subscriberName())).toBe(2);
    expect(realtimeStats().connections).toBe(50);
    expect(realtimeHub().listenerCount(channels.user(reader.id))).toBe(50);

    await publishCommented(reader.id, { id: 2, slug: "fan-out", title: "Fan out" }, other);
    await Promise.all(clients.map(({ stream }) => stream.waitForEvent("comment.created")));

    for (const { controller } of clients) controller.abort();
    await expectNothingLeft(reader.id);
  });

  it("drops a client that stops reading instead of queueing for it forever", async () => {
    const { response } = open({ maxQueued: 5 });
    const res = await response; // never read
    for (let i = 0; i < 10; i++)
      await publishCommented(reader.id, { id: i, slug: "s", title: `T${i}` }, other);
    await expectNothingLeft(reader.id);
    await res.body!.cancel();
  });
});
