import { describe, expect, it } from "vitest";
import { channels, channelsFor } from "@/lib/realtime/channels";
import { describeEvent } from "@/lib/realtime/describe";
import { type Delivered, decodeDelivered } from "@/lib/realtime/events";
import { testSettings } from "../../settings";

const envelope = { id: "e1", at: "2026-01-01T00:00:00.000Z" };
const ada = { id: 1, username: "ada", name: "Ada" };
const post = { id: 5, slug: "hello-redis", title: "Hello Redis" };

describe("decodeDelivered", () => {
  it("accepts a known event with an id and a time", () => {
    const event: Delivered = { ...envelope, type: "user.followed", by: ada };
    expect(decodeDelivered(JSON.stringify(event))).toEqual(event);
  });

  it.each([
    ["not JSON", "{nope"],
    ["not an object", '"post.created"'],
    ["null", "null"],
    ["an unknown type", JSON.stringify({ ...envelope, type: "user.deleted" })],
    ["no id", JSON.stringify({ at: envelope.at, type: "user.followed", by: ada })],
    ["a numeric id", JSON.stringify({ ...envelope, id: 7, type: "user.followed", by: ada })],
  ])("refuses %s", (_, message) => {
    expect(decodeDelivered(message)).toBeNull();
  });
});

describe("channels", () => {
  // The tests' own prefix (tests/settings.ts: test-events unless overridden), apart from a dev server's "events".
  const prefix = testSettings.REALTIME_CHANNEL_PREFIX;
  expect(prefix).not.toBe("events");
  it("gives visitors the public channel and signed-in users their own as well, under the prefix", () => {
    expect(channelsFor(null)).toEqual([`${prefix}:posts`]);
    expect(channelsFor(undefined)).toEqual([`${prefix}:posts`]);
    expect(channelsFor(42)).toEqual([`${prefix}:posts`, `${prefix}:user:42`]);
    expect(channels.user(0)).toBe(`${prefix}:user:0`);
  });
});

describe("describeEvent", () => {
  it("says what a toast shows and where it leads", () => {
    expect(
      describeEvent({ ...envelope, type: "post.created", post: { ...post, author: ada } }),
    ).toEqual({
      label: "New post",
      text: "Hello Redis",
      detail: "by Ada",
      href: "/posts/hello-redis",
    });
    expect(describeEvent({ ...envelope, type: "comment.created", post, by: ada })).toEqual({
      label: "New comment",
      text: "Ada commented on “Hello Redis”",
      href: "/posts/hello-redis#comments-title",
    });
    expect(describeEvent({ ...envelope, type: "user.followed", by: ada })).toEqual({
      label: "New follower",
      text: "Ada followed you",
      detail: "@ada",
      href: "/u/ada",
    });
  });

  it("shows no toast for cache events, which are for the admin page", () => {
    const event: Delivered = {
      ...envelope,
      type: "cache.invalidated",
      namespace: "feed",
      keys: [],
      keyCount: 0,
      reason: "x",
    };
    expect(describeEvent(event)).toBeNull();
  });
});
