import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recentActivity } from "@/lib/domains/activity";
import { activityCountsKey, activityKey } from "@/lib/domains/activity/keys";
import { addComment, deleteComment } from "@/lib/domains/comments/mutations";
import { follow, followCounts } from "@/lib/domains/follows";
import { createPost, deletePost, updatePost } from "@/lib/domains/posts/mutations";
import type { PublicUser } from "@/lib/domains/users/queries";
import { traced } from "@/lib/platform/request-trace";
import { withAppRedisDown } from "../../helpers/app-redis-down";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { testRedis } from "../../helpers/redis";

const redis = testRedis();
let [author, reader]: PublicUser[] = [];
beforeAll(async () => {
  [author, reader] = [await makeUser(), await makeUser({ name: "Reader" })];
});
afterAll(async () => {
  await deleteUsers(author.id, reader.id);
  redis.disconnect();
});

const article = (title: string, published = true) => ({
  title,
  content: "Something worth commenting on.",
  published,
});

describe("activity streams", () => {
  it("keeps the latest 100 entries (LPUSH + LTRIM) and counts every entry by type (HINCRBY)", async () => {
    const commenter = await makeUser(); // a reader of this test alone: counts hold in any test order
    await recentActivity(commenter.id);
    const post = await createPost(author.id, article("Much discussed"));
    const comments = [];
    for (let i = 0; i < 101; i++)
      comments.push(await addComment(post.id, commenter.id, { content: `Comment number ${i}` }));
    expect(await redis.llen(activityKey(commenter.id))).toBe(100);
    expect(await redis.hgetall(activityCountsKey(commenter.id))).toEqual({
      posted: "0",
      commented: "101",
      followed: "0",
    });
    const { entries, counts } = await recentActivity(commenter.id, 10);
    expect(entries).toHaveLength(10);
    expect(entries[0]).toMatchObject({
      type: "commented",
      ref: `commented:${comments[100].id}`,
      post: { id: post.id, title: "Much discussed" },
    });
    expect(counts).toEqual({ posted: 0, commented: 101, followed: 0 });
    expect(await redis.ttl(activityKey(commenter.id))).toBeGreaterThan(0);

    await deleteComment(comments[100].id, commenter.id);
    const after = await recentActivity(commenter.id, 1);
    expect(after.entries[0].ref).toBe(`commented:${comments[99].id}`);
    expect(after.counts.commented).toBe(100);
    await deleteUsers(commenter.id);
  });

  it("records publishing (at creation or first publish) and takes it back when the post is deleted", async () => {
    const writer = await makeUser(); // an author of this test alone: counts hold in any test order
    await createPost(writer.id, article("Published at once"));
    await recentActivity(writer.id);
    const draft = await createPost(writer.id, article("Draft first", false));
    expect(
      (await recentActivity(writer.id)).entries.some((e) => e.ref === `posted:${draft.id}`),
    ).toBe(false);
    await updatePost(draft.id, writer.id, { published: true });
    const { entries, counts } = await recentActivity(writer.id);
    expect(entries[0]).toMatchObject({ type: "posted", post: { id: draft.id, slug: draft.slug } });
    expect(counts.posted).toBe(2);
    await deletePost(draft.id, writer.id);
    const after = await recentActivity(writer.id);
    expect(after.entries.some((e) => e.ref === `posted:${draft.id}`)).toBe(false);
    expect(after.counts.posted).toBe(1);
    await deleteUsers(writer.id);
  });

  it("is rebuilt from Postgres when Redis lost it, equal to what was recorded", async () => {
    // A reader of this test alone, so what was recorded does not depend on the other tests.
    const follower = await makeUser();
    await recentActivity(follower.id);
    const post = await createPost(author.id, article("Followed and discussed"));
    for (let i = 0; i < 3; i++) await addComment(post.id, follower.id, { content: `Remark ${i}` });
    await follow(follower, author.id);
    const recorded = await recentActivity(follower.id, 100);
    expect(recorded.counts).toEqual({ posted: 0, commented: 3, followed: 1 });
    await redis.del(activityKey(follower.id), activityCountsKey(follower.id));
    const { value: rebuilt, trace } = await traced(() => recentActivity(follower.id, 100));
    expect(trace.operations[0].result).toBe("missing: rebuilt");
    expect(rebuilt.entries.map((e) => e.ref)).toEqual(recorded.entries.map((e) => e.ref));
    expect(rebuilt.counts).toEqual(recorded.counts);
    expect(await redis.llen(activityKey(follower.id))).toBe(4);
    await deleteUsers(follower.id);
  });
});

describe("with the app's Redis unreachable", () => {
  it("writes still succeed and the stream is read from Postgres", async () => {
    const other = await makeUser();
    try {
      await withAppRedisDown(async () => {
        const post = await createPost(author.id, article("Written during an outage"));
        const comment = await addComment(post.id, reader.id, { content: "Still works." });
        await expect(follow(other, author.id)).resolves.toMatchObject({ following: true });
        const { entries } = await recentActivity(reader.id, 5);
        expect(entries[0].ref).toBe(`commented:${comment.id}`);
        expect((await followCounts(other.id)).following).toBe(1);
      });
    } finally {
      await deleteUsers(other.id);
    }
  });
});
