import "server-only";
import { dropActivityStreams, streamsNamingPost } from "@/lib/activity";
import { apiGroups, type Caches, caches } from "@/lib/blog-caches";
import { cacheTags } from "@/lib/cache-tags";
import { commentsKey } from "@/lib/comments/queries";
import { dashboardKey } from "@/lib/dashboard";
import { db } from "@/lib/db";
import { sidebarKey } from "@/lib/fragments/sidebar";
import { logger } from "@/lib/logger";
import { expireNextCacheTags } from "@/lib/next-cache/expire-tags";
import { purgePages } from "@/lib/page-cache/purge";
import { pageTags } from "@/lib/page-cache/tags";
import {
  FEED_PAGE_SIZE,
  feedPageKey,
  getPost,
  getPostBySlug,
  getPostsByAuthor,
  POPULAR_KEY,
  type PostDetail,
} from "@/lib/posts/queries";
import { articleHtmlKey, storeArticleHtml } from "@/lib/posts/rendered";
import { publishCacheInvalidated } from "@/lib/realtime/publish";
import { forgetSearchResults } from "@/lib/search";
import { getProfile, getUser, getUserStatistics } from "@/lib/users/queries";

// The one place that knows which cache entries a change makes wrong, in our caches and in Next's
// (its 'use cache' entries of app/_cached/, by tag: expireNextCacheTags). Mutations call these after
// Postgres has committed; callers never list keys. Failures here never fail the write: the
// cache library fails open, and every entry has a TTL as a backstop.

// Postgres has the change already; a cache that could not be told is logged, not an error.
// Whole pages are purged only once the data they are rendered from is forgotten: a page rendered
// between a purge and the forgetting of its data would be stored from the old data after the
// purge, with nothing left to purge it (lib/page-cache/tag-index.ts catches renders that started
// before the purge, not after it).
async function settle(
  change: string,
  work: Promise<unknown>[],
  pages?: () => Promise<void>,
): Promise<void> {
  const results = await Promise.allSettled(work);
  if (pages) results.push(...(await Promise.allSettled([pages()])));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  for (const { reason } of failed) {
    logger.warn("cache invalidation incomplete; entries expire by TTL", {
      change,
      error: String(reason),
    });
  }
}

// Every feed page shifts when a post is published, changed or removed. The number of pages is
// read from Postgres (one COUNT on a write) rather than by scanning Redis for keys.
async function forgetFeed(): Promise<void> {
  const total = await db.post.count({ where: { published: true } });
  const pages = Math.ceil(total / FEED_PAGE_SIZE) + 1;
  await caches().feed.deleteMany(Array.from({ length: pages }, (_, i) => feedPageKey(i + 1)));
}

// Live listeners (the admin cache page) hear what each change touched, as `<namespace>:<key>`
// (memoized functions by call). Publishing never throws, so it never fails the write.
const entry = (cache: keyof Caches, key: string) => `${caches()[cache].namespace}:${key}`;
const everyFeedPage = () => entry("feed", "page:*");
const authorEntries = (id: number) => [
  entry("post", `getPostsByAuthor(${id})`),
  entry("user", `getUserStatistics(${id})`),
  entry("fragment", sidebarKey(id)),
  entry("userPage", dashboardKey(id)),
];

function announce(reason: string, keys: string[]): Promise<boolean> {
  const namespaces = [...new Set(keys.map((key) => key.split(":").slice(0, 2).join(":")))];
  return publishCacheInvalidated({ namespace: namespaces.join(", "), keys, reason });
}

// Whole pages stored by the page cache (server.ts) that show the change, by tag.
const pageEntries = (tags: string[]) => tags.map((tag) => `cache:page:tag:${tag}`);

async function authorPage(authorId: number): Promise<string[]> {
  const author = await getUser(authorId);
  return author ? [pageTags.user(author.username)] : [];
}

async function profileTags(userIds: number[]): Promise<string[]> {
  const users = await db.user.findMany({
    where: { id: { in: userIds } },
    select: { username: true },
  });
  return users.map((user) => pageTags.user(user.username));
}

async function forgetPages(change: string, tags: string[] | Promise<string[]>): Promise<void> {
  const resolved = await tags;
  await purgePages(resolved);
  await announce(`${change}: pages`, pageEntries(resolved));
}

async function forgetAuthor(authorId: number): Promise<void> {
  await Promise.all([
    getPostsByAuthor.forget(authorId, true),
    getPostsByAuthor.forget(authorId, false),
    getUserStatistics.forget(authorId),
    caches().fragment.delete(sidebarKey(authorId)),
    caches().userPage.delete(dashboardKey(authorId)),
  ]);
}

// Whole API responses and search results that list posts or show an author's figures: one
// version bump per group (lib/cache/groups.ts), however many query strings are cached.
async function forgetListings(authorId: number, reason: string): Promise<void> {
  const bumped = await Promise.all([
    caches().api.forgetGroup(apiGroups.latestPosts),
    caches().api.forgetGroup(apiGroups.user(authorId)),
    forgetSearchResults(),
  ]);
  if (bumped.includes(false)) throw new Error("a listing group was not forgotten");
  await announce(`${reason}: listings`, [
    entry("api", `posts:g*`),
    entry("api", `users:/api/users/${authorId}:g*`),
    entry("search", "query:v*"),
  ]);
}

// Lines that name a post outside the post itself: the activity streams of its author and
// commenters ("Published …", "Commented on …") and those users' sidebars, which show the latest
// lines. Dropped, not rewritten: each is rebuilt from Postgres on its next read, with the
// current title and without unpublished or deleted posts. `namedBy` when the comments that say
// who commented are gone already (a delete reads them first).
async function forgetMentions(
  post: { id: number; authorId: number; namedBy?: number[] },
  reason: string,
): Promise<void> {
  const users = post.namedBy ?? (await streamsNamingPost(post));
  await Promise.all([
    dropActivityStreams(users),
    caches().fragment.deleteMany(users.map(sidebarKey)),
  ]);
  // Their profile pages show the streams ("Recent activity"), cached whole for visitors: purged
  // once the streams are gone (see settle()).
  await forgetPages(reason, profileTags(users));
  await announce(
    `${reason}: activity of ${users.length} users`,
    users.map((id) => entry("fragment", sidebarKey(id))),
  );
}

/** Write-through: the new post is cached at once; the lists it appears in are forgotten. */
export async function postCreated(post: PostDetail): Promise<void> {
  await settle(
    "post created",
    [
      getPost.prime([post.id], post),
      getPostBySlug.prime([post.slug], post),
      forgetAuthor(post.authorId),
      ...(post.published ? [forgetFeed()] : []),
      ...(post.published ? [forgetListings(post.authorId, `post ${post.id} created`)] : []),
      expireNextCacheTags(post.published ? [cacheTags.feed] : []),
      announce(`post ${post.id} created`, [
        entry("post", `getPost(${post.id})`),
        entry("post", `getPostBySlug(${post.slug})`),
        ...authorEntries(post.authorId),
        ...(post.published ? [everyFeedPage()] : []),
      ]),
    ],
    post.published
      ? () =>
          forgetPages(`post ${post.id} created`, [
            pageTags.feed,
            pageTags.user(post.author.username),
          ])
      : undefined,
  );
}

/** An edit: the post is written through; its HTML, the feeds and the author's figures are forgotten. */
export async function postChanged(post: PostDetail): Promise<void> {
  await settle(
    "post changed",
    [
      getPost.prime([post.id], post),
      getPostBySlug.prime([post.slug], post),
      // Written through, not deleted: a reader between a delete and the prime above could render
      // the old post and store its HTML for another 300 s.
      storeArticleHtml(post.slug, post.content),
      caches().popular.delete(POPULAR_KEY),
      forgetAuthor(post.authorId),
      forgetFeed(),
      forgetListings(post.authorId, `post ${post.id} edited`),
      forgetMentions(post, `post ${post.id} edited`),
      expireNextCacheTags([cacheTags.feed, cacheTags.popular, cacheTags.post(post.id)]),
      announce(`post ${post.id} edited`, [
        entry("post", `getPost(${post.id})`),
        entry("post", `getPostBySlug(${post.slug})`),
        entry("html", articleHtmlKey(post.slug)),
        entry("popular", POPULAR_KEY),
        ...authorEntries(post.authorId),
        everyFeedPage(),
      ]),
    ],
    () =>
      forgetPages(`post ${post.id} edited`, [
        pageTags.post(post.slug),
        pageTags.feed,
        pageTags.leaderboard,
        pageTags.user(post.author.username),
      ]),
  );
}

/** `namedBy`: whose activity streams named the post, read before its comments went with it. */
export async function postDeleted(post: {
  id: number;
  slug: string;
  authorId: number;
  namedBy?: number[];
}): Promise<void> {
  await settle(
    "post deleted",
    [
      getPost.forget(post.id),
      getPostBySlug.forget(post.slug),
      caches().post.delete(commentsKey(post.id)),
      caches().html.delete(articleHtmlKey(post.slug)),
      caches().popular.delete(POPULAR_KEY),
      forgetAuthor(post.authorId),
      forgetFeed(),
      forgetListings(post.authorId, `post ${post.id} deleted`),
      forgetMentions(
        { ...post, namedBy: post.namedBy ?? [post.authorId] },
        `post ${post.id} deleted`,
      ),
      expireNextCacheTags([
        cacheTags.feed,
        cacheTags.popular,
        cacheTags.post(post.id),
        cacheTags.leaderboard,
      ]),
      announce(`post ${post.id} deleted`, [
        entry("post", `getPost(${post.id})`),
        entry("post", `getPostBySlug(${post.slug})`),
        entry("post", commentsKey(post.id)),
        entry("html", articleHtmlKey(post.slug)),
        entry("popular", POPULAR_KEY),
        ...authorEntries(post.authorId),
        everyFeedPage(),
      ]),
    ],
    () =>
      forgetPages(
        `post ${post.id} deleted`,
        authorPage(post.authorId).then((author) => [
          pageTags.post(post.slug),
          pageTags.feed,
          pageTags.leaderboard,
          ...author,
        ]),
      ),
  );
}

export async function commentsChanged(post: {
  id: number;
  slug: string;
  authorId: number;
}): Promise<void> {
  const postId = post.id;
  const postAuthorId = post.authorId;
  await settle(
    "comments changed",
    [
      caches().post.delete(commentsKey(postId)),
      caches().userPage.delete(dashboardKey(postAuthorId)),
      announce(`comments of post ${postId} changed`, [
        entry("post", commentsKey(postId)),
        entry("userPage", dashboardKey(postAuthorId)),
      ]),
    ],
    () => forgetPages(`comments of post ${postId} changed`, [pageTags.post(post.slug)]),
  );
}

// The posts whose comment lists show this user's name.
async function forgetCommentsBy(userId: number): Promise<void> {
  const posts = await db.comment.findMany({
    where: { authorId: userId },
    distinct: ["postId"],
    select: { postId: true },
  });
  await caches().post.deleteMany(posts.map((post) => commentsKey(post.postId)));
}

/**
 * A profile edit: the user, their profile, posts and statistics. Their name is inside every post
 * they wrote, so the post functions are forgotten whole (one INCR each, O(1)).
 */
/** A new account: a visit to its profile address before it existed cached "no such user". */
export async function userRegistered(user: { username: string }): Promise<void> {
  await settle("user registered", [getProfile.forget(user.username.toLowerCase())]);
}

export async function profileChanged(user: { id: number; username: string }): Promise<void> {
  await settle(
    "profile changed",
    [
      getUser.forget(user.id),
      getProfile.forget(user.username.toLowerCase()),
      getPost.forget(),
      getPostBySlug.forget(),
      forgetCommentsBy(user.id),
      caches().popular.delete(POPULAR_KEY),
      forgetAuthor(user.id),
      forgetFeed(),
      forgetListings(user.id, `profile of ${user.username} edited`),
      expireNextCacheTags([cacheTags.feed, cacheTags.leaderboard]),
      announce(`profile of ${user.username} edited`, [
        entry("user", `getUser(${user.id})`),
        entry("user", `getProfile(${user.username.toLowerCase()})`),
        entry("post", "getPost(*)"),
        entry("post", "getPostBySlug(*)"),
        entry("post", "comments:*"),
        entry("popular", POPULAR_KEY),
        ...authorEntries(user.id),
        everyFeedPage(),
      ]),
    ],
    // The name is on every page that lists their posts: all pages go, once, on a rare event.
    () => forgetPages(`profile of ${user.username} edited`, [pageTags.all]),
  );
}

/**
 * A follow or unfollow: the follower's sidebar ("who to follow", recent activity). Follower
 * counts are read from the Redis sets, which the follows module keeps in step itself.
 */
export async function followChanged(
  follower: { id: number; username: string },
  followee: { id: number; username: string },
): Promise<void> {
  await settle(
    `follow ${follower.id} → ${followee.id}`,
    [
      caches().fragment.delete(sidebarKey(follower.id)),
      announce(`user ${follower.id} followed or unfollowed user ${followee.id}`, [
        entry("fragment", sidebarKey(follower.id)),
      ]),
    ],
    () =>
      forgetPages(`follow ${follower.id} → ${followee.id}`, [
        pageTags.user(follower.username),
        pageTags.user(followee.username),
      ]),
  );
}

/** The user's activity stream changed (a comment written or removed): their sidebar shows it. */
export async function activityChanged(userId: number): Promise<void> {
  await settle(
    "activity changed",
    [
      caches().fragment.delete(sidebarKey(userId)),
      announce(`activity of user ${userId} changed`, [entry("fragment", sidebarKey(userId))]),
    ],
    () => forgetPages(`activity of user ${userId} changed`, authorPage(userId)),
  );
}
