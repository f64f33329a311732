// Ending sessions closes their live streams: a control message on the user's channel, which
// every stream of theirs (in any process on this Redis) hears and acts on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newSessionId } from "@/lib/domains/auth/session-store";
import { channelsFor } from "@/lib/realtime/channels";
import { closeUserStreams, decodeCloseStreams, sessionTag } from "@/lib/realtime/close-streams";
import { openEventStream } from "@/lib/realtime/event-stream";
import { publishCommented } from "@/lib/realtime/publish";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { testRedis } from "../../helpers/redis";
import { eventually, readSse } from "./helpers";

type User = Awaited<ReturnType<typeof makeUser>>;
let [reader, other]: User[] = [];
beforeAll(async () => {
  [reader, other] = await Promise.all([makeUser(), makeUser()]);
});
afterAll(() => deleteUsers(reader.id, other.id));

const controllers: AbortController[] = [];
afterAll(() => {
  for (const c of controllers) c.abort();
});

async function open(userId: number | null, sid: string | null) {
  const controller = new AbortController();
  controllers.push(controller);
  const response = await openEventStream({
    channels: channelsFor(userId),
    userId,
    sessionTag: sid && sessionTag(sid),
    signal: controller.signal,
  });
  return readSse(response);
}

// A comment on the reader's post, which every open stream of the reader receives: seen by a
// stream after a close message was published, it proves that stream outlived the message (one
// channel delivers in order).
async function stillOpen(...streams: ReturnType<typeof readSse>[]) {
  const title = `Proof ${Math.random()}`;
  await publishCommented(reader.id, { id: 1, slug: "proof", title }, other);
  for (const stream of streams) {
    await stream.waitForEvent("comment.created", (payload) => payload.post.title === title);
    expect(stream.ended()).toBe(false);
  }
}

describe("closeUserStreams", () => {
  it("after a password change: closes the other sessions' streams, keeps this session's and other people's", async () => {
    const [here, there] = [newSessionId(), newSessionId()];
    const [mine, theirs, anonymous] = [
      await open(reader.id, here),
      await open(reader.id, there),
      await open(null, null),
    ];
    const otherUser = await open(other.id, newSessionId());

    expect(await closeUserStreams(reader.id, { except: sessionTag(here) })).toBe(true);
    await eventually(() => expect(theirs.ended()).toBe(true));
    await stillOpen(mine);
    expect(anonymous.ended()).toBe(false);
    expect(otherUser.ended()).toBe(false);
    // The message is for the server: no browser sees it as an event.
    expect(theirs.events()).toEqual([]);
  });

  it("sign out everywhere: closes every stream of the user", async () => {
    const streams = [await open(reader.id, newSessionId()), await open(reader.id, newSessionId())];
    await closeUserStreams(reader.id);
    await eventually(() => expect(streams.map((s) => s.ended())).toEqual([true, true]));
  });

  it("sign out: closes that session's streams (other tabs) and no other session's", async () => {
    const [gone, kept] = [newSessionId(), newSessionId()];
    const tabs = [await open(reader.id, gone), await open(reader.id, gone)];
    const elsewhere = await open(reader.id, kept);
    await closeUserStreams(reader.id, { only: sessionTag(gone) });
    await eventually(() => expect(tabs.map((s) => s.ended())).toEqual([true, true]));
    await stillOpen(elsewhere);
  });

  it("acts only on its own user's channel, and never carries the session id itself", async () => {
    const sid = newSessionId();
    const stream = await open(reader.id, sid);
    const spy = testRedis();
    const heard: string[] = [];
    await spy.psubscribe(`${process.env.REALTIME_CHANNEL_PREFIX}:user:${reader.id}`);
    spy.on("pmessage", (_pattern, _channel, message) => heard.push(message));
    // A close message on the public channel is ignored by the reader's stream.
    const publisher = testRedis();
    await publisher.publish(channelsFor(null)[0], JSON.stringify({ control: "close-streams" }));
    publisher.disconnect();
    await stillOpen(stream);
    await closeUserStreams(reader.id, { only: sessionTag(sid) });
    await eventually(() => expect(stream.ended()).toBe(true));
    const closing = await eventually(() => {
      const found = heard.find((message) => decodeCloseStreams(message));
      expect(found).toBeDefined();
      return found!;
    });
    expect(closing).not.toContain(sid);
    expect(decodeCloseStreams(closing)).toEqual({ only: sessionTag(sid) });
    spy.disconnect();
  });
});
