// Invalidation records what it does: the keys the live log names for a change are exactly the
// cache keys the change deleted, bumped or wrote through (seen on the wire, not as the code says
// it sends them), and each one opens in the admin key browser.
import { Cluster, type Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browseKeys } from "@/lib/admin/key-browser";
import { inspectKey } from "@/lib/admin/key-inspect";
import { keyFromInput } from "@/lib/admin/key-ref";
import { getDashboard } from "@/lib/blog/dashboard";
import { postChanged, profileChanged } from "@/lib/blog/invalidation";
import { getSidebarHtml } from "@/lib/blog/sidebar";
import { caches } from "@/lib/blog-cache/caches";
import { postPageTag, tags, userPageTag } from "@/lib/blog-cache/tags";
import { Keys } from "@/lib/cache";
import { addComment } from "@/lib/domains/comments/mutations";
import { getComments } from "@/lib/domains/comments/queries";
import { createPost } from "@/lib/domains/posts/mutations";
import * as posts from "@/lib/domains/posts/queries";
import { getArticleHtml } from "@/lib/domains/posts/rendered";
import {
  getProfile,
  getUser,
  getUserStatistics,
  type PublicUser,
  postsShowingName,
} from "@/lib/domains/users/queries";
import { PAGE_NAMESPACE } from "@/lib/page-cache/store";
import { PageTagIndex } from "@/lib/page-cache/tag-index";
import { db } from "@/lib/platform/db";
import { redis } from "@/lib/platform/redis";
import { traced } from "@/lib/platform/request-trace";
import { channels } from "@/lib/realtime/channels";
import { deleteUsers, makeUser } from "../../helpers/factories";
import { testRedis } from "../../helpers/redis";

type Heard = { keys: string[]; reason: string };
// The test Redis as the app sees it: one server, or the Cluster (whose PUBLISH reaches every node).
const listener = testRedis();
const browser = testRedis();
const heard: Heard[] = [];
const DONE = "invalidation-keys: done";
let author: PublicUser;

// Every command the app's Redis client sends that removes or replaces a value: DEL and UNLINK
// (entries, tag lists), INCR (versions of memoized functions and groups), SET (write-through).
const written: string[] = [];
let recording = false;
function recordWrites(): void {
  const client = redis() as Redis;
  const send = client.sendCommand.bind(client);
  client.sendCommand = (...args: Parameters<Redis["sendCommand"]>) => {
    const [command] = args;
    const name = command.name.toLowerCase();
    const keys = ["del", "unlink"].includes(name) ? command.args : command.args.slice(0, 1);
    if (recording && ["del", "unlink", "incr", "set"].includes(name))
      written.push(...keys.map(String));
    return send(...args);
  };
}

// Our data caches' values and the page cache's tag lists; not locks, statistics or the page
// cache's own bookkeeping (its generations, and the pages, which the log names by tag).
const isCacheValue = (key: string) =>
  key.startsWith("cache:") &&
  !key.includes(":lock:") &&
  !key.endsWith(":stats") &&
  (!key.startsWith("cache:page:") || key.startsWith("cache:page:tag:"));

beforeAll(async () => {
  author = await makeUser();
  recordWrites();
  listener.on("message", (_channel: string, message: string) => heard.push(JSON.parse(message)));
  await listener.subscribe(channels.cache);
});
afterAll(async () => {
  listener.disconnect();
  browser.disconnect();
  await deleteUsers(author.id);
});

// Every key the key browser lists under cache:, walking all its pages.
async function browsable(): Promise<Set<string>> {
  const found = new Set<string>();
  let cursor = "0";
  do {
    const page = await browseKeys(browser, { pattern: "cache:*", cursor });
    for (const row of page.rows) found.add(row.key.toString());
    cursor = page.cursor;
  } while (cursor !== "0");
  return found;
}

// Runs the change while recording; then a marker is published, which arrives after every event
// the change published. On one Redis the app's client publishes it. A Cluster client publishes
// each message on whichever node it picks, and a message reaches the listener's node over the
// link from the node it was published on: only the order on each link holds, so the marker is
// published on every node, and each of them must arrive.
async function observe(reason: string, change: () => Promise<void>) {
  written.length = 0;
  heard.length = 0;
  recording = true;
  await change();
  recording = false;
  const app = redis();
  const publishers = app instanceof Cluster ? app.nodes("all") : [app];
  const markers = publishers.map((_, i) => `${DONE} ${i}`);
  await Promise.all(
    publishers.map((node, i) =>
      node.publish(channels.cache, JSON.stringify({ keys: [], reason: markers[i] })),
    ),
  );
  await expect
    .poll(() => markers.every((marker) => heard.some((event) => event.reason === marker)))
    .toBe(true);
  const events = heard.filter((e) => e.reason === reason || e.reason.startsWith(`${reason}: `));
  return {
    announced: [...new Set(events.flatMap((event) => event.keys))].sort(),
    deleted: [...new Set(written.filter(isCacheValue))].sort(),
  };
}

// A whole page stored with these tags, as the page cache in front of Next stores it, so that the
// tags' lists exist for the key browser to open.
const pageIndex = new PageTagIndex(
  async (command) => ({ ok: true, value: await command(browser) }),
  new Keys(PAGE_NAMESPACE),
);
const storePage = (tags: string[]) =>
  pageIndex.add(`${PAGE_NAMESPACE}:test:${author.id}:${tags.join(",")}`, tags, 60_000);

// Cached for sure: read again until every read is a hit (a slow Redis makes a read skip the cache).
const warm = (reads: () => Promise<unknown>) =>
  expect
    .poll(async () => (await traced(reads)).trace.cache.every((e) => e.result === "HIT"))
    .toBe(true);

async function expectEachOpens(announced: string[], before: Set<string>): Promise<void> {
  for (const key of announced) {
    const opened = before.has(key) || (await inspectKey(browser, keyFromInput({ key }))).exists;
    expect(opened, key).toBe(true);
  }
}

describe("the live log names what each change did", () => {
  it("an edited post: every key deleted or written, and only those", async () => {
    const post = await createPost(author.id, { title: "Logged", content: "Logged words." });
    await caches().feed.delete(posts.feedPageKey(1));
    await storePage([
      postPageTag(post.slug),
      tags.feed.page,
      tags.leaderboard.page,
      userPageTag(author.username),
    ]);
    await warm(() =>
      Promise.all([
        posts.getPost(post.id),
        posts.getPostBySlug(post.slug),
        posts.getPostsByAuthor(author.id, true),
        posts.getPostsByAuthor(author.id, false),
        posts.getFeedPage(1),
        posts.getPopularPosts(),
        getArticleHtml(post.slug),
        getUserStatistics(author.id),
        getSidebarHtml(author),
        getDashboard(author.id),
      ]),
    );
    const before = await browsable();
    const edited = await db.post.update({
      where: { id: post.id },
      data: { title: "Logged, edited" },
      select: posts.postDetailSelect,
    });
    const { announced, deleted } = await observe(`post ${post.id} edited`, () =>
      postChanged(edited),
    );
    expect(announced).toEqual(deleted);
    // Both author lists, under the keys memoize gave them, and every feed page by its own key.
    const authorLists = announced.filter((k) =>
      k.startsWith("cache:post:memo:{getPostsByAuthor}:"),
    );
    expect(authorLists).toHaveLength(2);
    expect(announced).toContain(`cache:feed:${posts.feedPageKey(1)}`);
    await expectEachOpens(announced, before);
  });

  it("a profile edit: whole functions by their versions, comments by post", async () => {
    const post = await createPost(author.id, { title: "Commented", content: "Some words." });
    await addComment(post.id, author.id, { content: "My own comment" });
    await caches().feed.delete(posts.feedPageKey(1));
    const showingName = await postsShowingName(author.id);
    await storePage([
      ...showingName.map(({ slug }) => postPageTag(slug)),
      tags.feed.page,
      tags.leaderboard.page,
      userPageTag(author.username),
    ]);
    await warm(() =>
      Promise.all([
        posts.getFeedPage(1),
        posts.getPostsByAuthor(author.id, true),
        posts.getPostsByAuthor(author.id, false),
        getUserStatistics(author.id),
        getUser(author.id),
        getProfile(author.username.toLowerCase()),
        getComments(post.id),
        posts.getPopularPosts(),
        getSidebarHtml(author),
        getDashboard(author.id),
      ]),
    );
    const before = await browsable();
    const { announced, deleted } = await observe(`profile of ${author.username} edited`, () =>
      profileChanged(author, { nameChanged: true }),
    );
    expect(announced).toEqual(deleted);
    expect(announced).toContain("cache:post:memo:version:{getPost}");
    expect(announced).toContain(`cache:comment:post:${post.id}`);
    // The pages that show the name, by their tags; not every page.
    expect(announced).toContain(`cache:page:tag:${postPageTag(post.slug)}`);
    expect(announced).not.toContain("cache:page:tag:all");
    await expectEachOpens(announced, before);
  });
});
