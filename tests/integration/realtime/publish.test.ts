// What goes over Redis: only the fields an event carries, with an id and a time; nothing for
// notifications people should not get about themselves.

import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channels } from "@/lib/realtime/channels";
import { decodeDelivered } from "@/lib/realtime/events";
import {
  publishCacheInvalidated,
  publishCommented,
  publishFollowed,
  publishPostCreated,
} from "@/lib/realtime/publish";
import type { RedisClient } from "@/lib/redis/client";
import { testRedis } from "../../helpers/redis";
import { eventually } from "./helpers";

let subscriber: RedisClient;
const inbox: { channel: string; message: string }[] = [];
const userId = 2_000_000_000 - Math.floor(Math.random() * 1_000_000); // a channel no one else uses
const author = {
  id: userId,
  username: "ada",
  name: "Ada",
  email: "ada@example.com",
  passwordHash: "secret",
};
const commenter = { id: userId - 1, username: "bob", name: "Bob", email: "bob@example.com" };

beforeAll(async () => {
  subscriber = testRedis();
  subscriber.on("message", (channel: string, message: string) => inbox.push({ channel, message }));
  await subscriber.subscribe(channels.user(userId), channels.posts, channels.cache);
});
afterAll(() => subscriber.disconnect());

const received = (channel: string, match: (message: string) => boolean) =>
  eventually(() => {
    const found = inbox.find((entry) => entry.channel === channel && match(entry.message));
    expect(found).toBeDefined();
    return JSON.parse(found!.message) as Record<string, unknown>;
  });

describe("publish helpers", () => {
  it("send a new post with its public fields only, an id and a time", async () => {
    const title = `Pub ${randomBytes(4).toString("hex")}`;
    const post = { id: 42, slug: "pub", title, content: "the whole article", excerpt: "…", author };
    expect(await publishPostCreated(post)).toBe(true);
    const message = await received(channels.posts, (m) => m.includes(title));
    expect(message).toEqual({
      type: "post.created",
      post: { id: 42, slug: "pub", title, author: { id: userId, username: "ada", name: "Ada" } },
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(decodeDelivered(JSON.stringify(message))).toEqual(message);
  });

  it("tell a post's author about someone else's comment, and never about their own", async () => {
    const post = { id: 7, slug: "seven", title: "Seven", content: "not sent" };
    expect(await publishCommented(userId, post, author)).toBe(false);
    expect(await publishCommented(userId, post, commenter)).toBe(true);
    const message = await received(channels.user(userId), (m) => m.includes("comment.created"));
    expect(message).toMatchObject({
      post: { id: 7, slug: "seven", title: "Seven" },
      by: { id: commenter.id, name: "Bob" },
    });
    expect(JSON.stringify(message)).not.toContain("not sent");
    expect(JSON.stringify(message)).not.toContain("@example.com");
    // Redis keeps a channel's order: the author's own comment, had it gone out, would be first.
    expect(inbox.filter((entry) => entry.message.includes("comment.created"))).toHaveLength(1);
  });

  it("tell a user who followed them, but not themselves", async () => {
    expect(await publishFollowed(userId, author)).toBe(false);
    expect(await publishFollowed(userId, commenter)).toBe(true);
    const message = await received(channels.user(userId), (m) => m.includes("user.followed"));
    expect(message).toMatchObject({
      type: "user.followed",
      by: { id: commenter.id, username: "bob", name: "Bob" },
    });
    expect(inbox.filter((entry) => entry.message.includes("user.followed"))).toHaveLength(1);
  });

  it("name at most 100 invalidated keys and count them all", async () => {
    const namespace = `test-${randomBytes(4).toString("hex")}`;
    const keys = Array.from({ length: 250 }, (_, i) => `${namespace}:post:${i}`);
    expect(await publishCacheInvalidated({ namespace, keys, reason: "clear" })).toBe(true);
    const message = await received(channels.cache, (m) => m.includes(namespace));
    expect(message).toMatchObject({
      type: "cache.invalidated",
      namespace,
      keyCount: 250,
      reason: "clear",
    });
    expect(message.keys).toEqual(keys.slice(0, 100));
  });
});
