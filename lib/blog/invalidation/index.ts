import "server-only";
import { caches } from "@/lib/blog/caches";
import { dashboardKey } from "@/lib/blog/dashboard";
import { sidebarKey } from "@/lib/blog/sidebar";
import { cacheTags } from "@/lib/blog/tags";
import { commentsKey } from "@/lib/domains/comments/queries";
import { getPost, getPostBySlug, POPULAR_KEY, type PostDetail } from "@/lib/domains/posts/queries";
import { articleHtmlKey, storeArticleHtml } from "@/lib/domains/posts/rendered";
import { getProfile, getUser } from "@/lib/domains/users/queries";
import { expireNextCacheTags } from "@/lib/next-cache/expire-tags";
import { pageTags } from "@/lib/page-cache/tags";
import {
  authorPage,
  forgetAuthor,
  forgetCommentsBy,
  forgetFeed,
  forgetListings,
  forgetMentions,
  forgetPages,
  settle,
} from "./parts";
import { Invalidation } from "./record";

// The one place that knows which cache entries a change makes wrong, in our caches and in Next's
// (its 'use cache' entries of app/_cached/, by tag: expireNextCacheTags). Mutations call these after
// Postgres has committed; callers never list keys. Failures here never fail the write: the
// cache library fails open, and every entry has a TTL as a backstop. What each change deletes is
// recorded as it is deleted (./record.ts) and heard by live listeners (the admin cache page).

/** Write-through: the new post is cached at once; the lists it appears in are forgotten. */
export async function postCreated(post: PostDetail): Promise<void> {
  const change = new Invalidation(`post ${post.id} created`);
  await settle(
    change,
    [
      change.prime(getPost, [post.id], post),
      change.prime(getPostBySlug, [post.slug], post),
      forgetAuthor(change, post.authorId),
      ...(post.published ? [forgetFeed(change)] : []),
      ...(post.published ? [forgetListings(change.reason, post.authorId)] : []),
      expireNextCacheTags(post.published ? [cacheTags.feed] : []),
    ],
    post.published
      ? () => forgetPages(change.reason, [pageTags.feed, pageTags.user(post.author.username)])
      : undefined,
  );
}

/** An edit: the post is written through; its HTML, the feeds and the author's figures are forgotten. */
export async function postChanged(post: PostDetail): Promise<void> {
  const change = new Invalidation(`post ${post.id} edited`);
  await settle(
    change,
    [
      change.prime(getPost, [post.id], post),
      change.prime(getPostBySlug, [post.slug], post),
      // Written through, not deleted: a reader between a delete and the prime above could render
      // the old post and store its HTML for another 300 s.
      change.writeThrough(caches().html, articleHtmlKey(post.slug), () =>
        storeArticleHtml(post.slug, post.content),
      ),
      change.forget(caches().popular, POPULAR_KEY),
      forgetAuthor(change, post.authorId),
      forgetFeed(change),
      forgetListings(change.reason, post.authorId),
      forgetMentions(post, change.reason),
      expireNextCacheTags([cacheTags.feed, cacheTags.popular, cacheTags.post(post.id)]),
    ],
    () =>
      forgetPages(change.reason, [
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
  const change = new Invalidation(`post ${post.id} deleted`);
  await settle(
    change,
    [
      change.forgetCall(getPost, post.id),
      change.forgetCall(getPostBySlug, post.slug),
      change.forget(caches().comment, commentsKey(post.id)),
      change.forget(caches().html, articleHtmlKey(post.slug)),
      change.forget(caches().popular, POPULAR_KEY),
      forgetAuthor(change, post.authorId),
      forgetFeed(change),
      forgetListings(change.reason, post.authorId),
      forgetMentions({ ...post, namedBy: post.namedBy ?? [post.authorId] }, change.reason),
      expireNextCacheTags([
        cacheTags.feed,
        cacheTags.popular,
        cacheTags.post(post.id),
        cacheTags.leaderboard,
      ]),
    ],
    () =>
      forgetPages(
        change.reason,
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
  const change = new Invalidation(`comments of post ${post.id} changed`);
  await settle(
    change,
    [
      change.forget(caches().comment, commentsKey(post.id)),
      change.forget(caches().userPage, dashboardKey(post.authorId)),
    ],
    () => forgetPages(change.reason, [pageTags.post(post.slug)]),
  );
}

/** A new account: a visit to its profile address before it existed cached "no such user". */
export async function userRegistered(user: { username: string }): Promise<void> {
  const change = new Invalidation(`user ${user.username} registered`);
  await settle(change, [change.forgetCall(getProfile, user.username.toLowerCase())]);
}

/**
 * A profile edit: the user, their profile, posts and statistics. Their name is inside every post
 * they wrote, so the post functions are forgotten whole (one INCR each, O(1)).
 */
export async function profileChanged(user: { id: number; username: string }): Promise<void> {
  const change = new Invalidation(`profile of ${user.username} edited`);
  await settle(
    change,
    [
      change.forgetCall(getUser, user.id),
      change.forgetCall(getProfile, user.username.toLowerCase()),
      change.forgetCall(getPost),
      change.forgetCall(getPostBySlug),
      forgetCommentsBy(change, user.id),
      change.forget(caches().popular, POPULAR_KEY),
      forgetAuthor(change, user.id),
      forgetFeed(change),
      forgetListings(change.reason, user.id),
      expireNextCacheTags([cacheTags.feed, cacheTags.leaderboard]),
    ],
    // The name is on every page that lists their posts: all pages go, once, on a rare event.
    () => forgetPages(change.reason, [pageTags.all]),
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
  const change = new Invalidation(`user ${follower.id} followed or unfollowed user ${followee.id}`);
  await settle(change, [change.forget(caches().fragment, sidebarKey(follower.id))], () =>
    forgetPages(change.reason, [
      pageTags.user(follower.username),
      pageTags.user(followee.username),
    ]),
  );
}

/** The user's activity stream changed (a comment written or removed): their sidebar shows it. */
export async function activityChanged(userId: number): Promise<void> {
  const change = new Invalidation(`activity of user ${userId} changed`);
  await settle(change, [change.forget(caches().fragment, sidebarKey(userId))], () =>
    forgetPages(change.reason, authorPage(userId)),
  );
}
