// Every change function of lib/blog/invalidation/ tells live listeners (the admin page's log) what
// it touched, on the cache channel.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentsChanged, followChanged, profileChanged } from "@/lib/blog/invalidation";
import { createPost } from "@/lib/domains/posts/mutations";
import { channels } from "@/lib/realtime/channels";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { testRedis } from "../../helpers/redis";

type Heard = { type: string; namespace: string; keys: string[]; keyCount: number; reason: string };
const listener = testRedis();
const heard: Heard[] = [];
let user: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  user = await makeUser();
  listener.on("message", (_channel: string, message: string) => heard.push(JSON.parse(message)));
  await listener.subscribe(channels.cache);
});
afterAll(async () => {
  listener.disconnect();
  await deleteUsers(user.id);
});

const announced = (reason: string) =>
  expect.poll(() => heard.find((event) => event.reason === reason), { timeout: 3_000 });

describe("invalidation announces what it touched", () => {
  it("names the namespaces and keys of a comments change", async () => {
    const postId = 900_000_000 + user.id;
    await commentsChanged({ id: postId, slug: `post-${postId}`, authorId: user.id });
    await announced(`comments of post ${postId} changed`).toMatchObject({
      type: "cache.invalidated",
      namespace: "cache:comment, cache:user-page",
      keys: [`cache:comment:post:${postId}`, `cache:user-page:dashboard:user:${user.id}`],
      keyCount: 2,
    });
  });

  it("names every namespace a change of name reaches, for an author of published posts", async () => {
    await createPost(user.id, {
      title: "Named in the feed",
      content: "The author's name is here.",
    });
    await profileChanged(user, { nameChanged: true });
    const reason = `profile of ${user.username} edited`;
    await announced(reason).toBeTruthy();
    const event = heard.find((e) => e.reason === reason)!;
    for (const namespace of [
      "cache:user",
      "cache:post",
      "cache:popular",
      "cache:fragment",
      "cache:user-page",
      "cache:feed",
    ]) {
      expect(event.namespace.split(", ")).toContain(namespace);
    }
    expect(event.keys).toContainEqual(
      expect.stringMatching(/^cache:user:memo:\{getUser\}:v[^:]+:[\w-]{22}$/),
    );
    expect(event.keys).toContain("cache:feed:tag:pages");
  });

  it("leaves the lists (feed, Popular) alone for a change of name by someone who published nothing", async () => {
    const reader = await makeUser();
    const since = heard.length;
    await profileChanged(reader, { nameChanged: true });
    const reason = `profile of ${reader.username} edited`;
    const event = () => heard.slice(since).find((e) => e.reason === reason);
    await expect.poll(event, { timeout: 3_000 }).toBeTruthy();
    expect(event()!.namespace).not.toMatch(/cache:feed|cache:popular/);
    await deleteUsers(reader.id);
  });

  it("keeps a change of bio alone to the user's own entries: no feed, no Popular box", async () => {
    const since = heard.length;
    await profileChanged(user, { nameChanged: false });
    const reason = `profile of ${user.username} edited`;
    const event = () => heard.slice(since).find((e) => e.reason === reason);
    await expect.poll(event, { timeout: 3_000 }).toBeTruthy();
    const { namespace, keys } = event()!;
    expect(namespace.split(", ")).toEqual(
      expect.arrayContaining(["cache:user", "cache:fragment", "cache:user-page"]),
    );
    expect(namespace).not.toMatch(/cache:feed|cache:popular/);
    expect(keys.some((key) => key.includes("{getPost}"))).toBe(false);
  });

  it("announces a follow's member parts (the sidebar)", async () => {
    await followChanged(user, { id: user.id + 1, username: `${user.username}_b` });
    await announced(`user ${user.id} followed or unfollowed user ${user.id + 1}`).toMatchObject({
      keys: [`cache:fragment:member:user:${user.id}`],
    });
  });
});
