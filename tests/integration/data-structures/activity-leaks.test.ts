// A post that is edited, unpublished or deleted leaves no trace of what it was in anyone's
// activity stream, sidebar, or in the API's whole-response and search caches.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listPosts } from "@/app/api/posts/route";
import { GET as getUserJson } from "@/app/api/users/[id]/route";
import { getSidebarHtml } from "@/lib/blog/sidebar";
import { recentActivity } from "@/lib/domains/activity";
import { activityCountsKey, activityGenerationKey, activityKey } from "@/lib/domains/activity/keys";
import { writeStreamIfCurrentScript } from "@/lib/domains/activity/scripts";
import { addComment } from "@/lib/domains/comments/mutations";
import { createPost, deletePost, updatePost } from "@/lib/domains/posts/mutations";
import { parseSearchQuery, searchPosts } from "@/lib/domains/search";
import type { PublicUser } from "@/lib/domains/users/queries";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { testRedis } from "../../helpers/redis";

const redis = testRedis();
let [author, commenter, bystander]: PublicUser[] = [];
beforeAll(async () => {
  [author, commenter, bystander] = [
    await makeUser(),
    await makeUser({ name: "Commenter" }),
    await makeUser(),
  ];
});
afterAll(async () => {
  await deleteUsers(author.id, commenter.id, bystander.id);
  redis.disconnect();
});

// A title no other post has, so a search or a stream can be checked for it alone.
const marker = () => `zqleak${randomBytes(5).toString("hex")}`;

// The post, commented on, with both streams and the commenter's sidebar built in Redis.
async function discussedPost(title: string) {
  const post = await createPost(author.id, { title, content: `A post called ${title}.` });
  await addComment(post.id, commenter.id, {
    content: "A comment that puts the post in my activity.",
  });
  for (const user of [author, commenter]) {
    const { entries } = await recentActivity(user.id, 100);
    expect(JSON.stringify(entries), "the stream names the post before the change").toContain(title);
  }
  expect(await getSidebarHtml(commenter)).toContain(title);
  return post;
}

const streamText = async (user: PublicUser) =>
  JSON.stringify((await recentActivity(user.id, 100)).entries);

describe("activity streams after a post changes", () => {
  it("unpublishing removes the post's title and slug from the author's and commenters' streams and sidebars", async () => {
    const title = marker();
    const post = await discussedPost(title);
    const before = await recentActivity(commenter.id, 100);
    await updatePost(post.id, author.id, { published: false });
    for (const user of [author, commenter]) {
      const text = await streamText(user);
      expect(text).not.toContain(title);
      expect(text).not.toContain(post.slug);
    }
    expect(await getSidebarHtml(commenter)).not.toContain(title);
    expect((await recentActivity(commenter.id, 100)).counts.commented).toBe(
      before.counts.commented - 1,
    );

    // Published again, it comes back.
    await updatePost(post.id, author.id, { published: true });
    expect(await streamText(commenter)).toContain(title);
  });

  it("an edit shows the new title everywhere and the old one nowhere", async () => {
    const [oldTitle, newTitle] = [marker(), marker()];
    const post = await discussedPost(oldTitle);
    await updatePost(post.id, author.id, { title: newTitle });
    // The slug keeps the first title (links stay valid); the title is what must change.
    for (const user of [author, commenter]) {
      const text = await streamText(user);
      expect(text).not.toContain(`"title":"${oldTitle}"`);
      expect(text).toContain(`"title":"${newTitle}"`);
    }
    const sidebar = await getSidebarHtml(commenter);
    expect(sidebar).toContain(`>${newTitle}</a>`);
    expect(sidebar).not.toContain(`>${oldTitle}</a>`);
  });

  it("deleting removes the post from the commenters' streams too, not only the author's", async () => {
    const title = marker();
    const post = await discussedPost(title);
    await deletePost(post.id, author.id);
    expect(await streamText(author)).not.toContain(title);
    expect(await streamText(commenter)).not.toContain(title);
    expect(await getSidebarHtml(commenter)).not.toContain(title);
  });

  it("leaves the streams of people who never touched the post alone", async () => {
    await recentActivity(bystander.id);
    const post = await discussedPost(marker());
    await updatePost(post.id, author.id, { published: false });
    expect(await redis.exists(activityCountsKey(bystander.id))).toBe(1);
    expect(await redis.exists(activityCountsKey(commenter.id))).toBe(0);
  });

  it("a rebuild that read Postgres before the change does not write its stale copy back", async () => {
    const title = marker();
    const post = await discussedPost(title);
    const stale = await recentActivity(commenter.id, 100);
    const seen = (await redis.get(activityGenerationKey(commenter.id))) ?? "";
    await updatePost(post.id, author.id, { published: false });
    // What a rebuild that started before the unpublish would now try to write.
    const keys = [
      activityKey(commenter.id),
      activityCountsKey(commenter.id),
      activityGenerationKey(commenter.id),
    ];
    const args = [
      seen,
      60,
      ...Object.entries(stale.counts).flat(),
      "--",
      ...stale.entries.map((e) => JSON.stringify(e)),
    ];
    expect(await writeStreamIfCurrentScript(redis, keys, args)).toBe(0);
    expect(await redis.exists(activityKey(commenter.id))).toBe(0);
    expect(await streamText(commenter)).not.toContain(title);
    // Under the current generation the same script writes.
    const current = (await redis.get(activityGenerationKey(commenter.id)))!;
    expect(await writeStreamIfCurrentScript(redis, keys, [current, 60, ...args.slice(2)])).toBe(1);
  });
});

describe("API and search caches after a post changes", () => {
  const list = (limit: number) =>
    listPosts(new Request(`http://blog.test/api/posts?limit=${limit}`), undefined);
  const user = (query: string) =>
    getUserJson(new Request(`http://blog.test/api/users/${author.id}${query}`), {
      params: Promise.resolve({ id: String(author.id) }),
    });

  async function expectCached(get: () => Promise<Response>, title: string | null) {
    const first = await get();
    expect(first.status).toBe(200);
    if (title !== null) expect(await first.text()).toContain(title);
    const again = await get();
    expect(again.headers.get("x-cache")).toBe("HIT");
  }

  async function expectForgotten(get: () => Promise<Response>, title: string) {
    const response = await get();
    expect(response.headers.get("x-cache")).toBe("MISS");
    expect(await response.text()).not.toContain(title);
  }

  for (const change of ["unpublish", "delete"] as const) {
    it(`${change}: every cached /api/posts?limit=N, /api/users/:id variant and search result forgets the post`, async () => {
      const title = marker();
      const post = await createPost(author.id, { title, content: "Listed everywhere." });
      // Four distinct entries: keys are made of validated parameters only (?posts=true&x=1 is ?posts=true).
      const gets = [
        () => list(3),
        () => list(7),
        () => user("?posts=true"),
        () => user("?posts=false"),
      ];
      // ?posts=false shows the author's figures only: what changes there is the count of posts.
      const totalPosts = async () =>
        (await (await user("?posts=false")).json()).statistics.totalPosts as number;
      for (const [i, get] of gets.entries()) await expectCached(get, i < 3 ? title : null);
      const postsBefore = await totalPosts();
      const search = () => searchPosts(parseSearchQuery(title));
      expect((await search()).hits.map((h) => h.id)).toEqual([post.id]);
      expect((await search()).cache).toBe("HIT");

      if (change === "unpublish") await updatePost(post.id, author.id, { published: false });
      else await deletePost(post.id, author.id);

      for (const get of gets) await expectForgotten(get, title);
      expect(await totalPosts()).toBe(postsBefore - 1);
      const after = await search();
      expect(after.cache).toBe("MISS");
      expect(after.hits).toEqual([]);
    });
  }

  it("an edit is seen at once in the cached lists and statistics", async () => {
    const [oldTitle, newTitle] = [marker(), marker()];
    const post = await createPost(author.id, { title: oldTitle, content: "Soon edited." });
    await expectCached(() => list(5), oldTitle);
    await expectCached(() => user("?posts=true"), oldTitle);
    await updatePost(post.id, author.id, { title: newTitle });
    const listed = await (await list(5)).text();
    expect(listed).toContain(`"title":"${newTitle}"`);
    expect(listed).not.toContain(`"title":"${oldTitle}"`);
    expect(await (await user("?posts=true")).text()).toContain(`"title":"${newTitle}"`);
  });
});
