import "server-only";
import { dashboardKey } from "@/lib/blog/dashboard";
import { memberPartsKey } from "@/lib/blog/member-parts";
import { caches } from "@/lib/blog-cache/caches";
import { tags } from "@/lib/blog-cache/tags";
import { commentsKey } from "@/lib/domains/comments/queries";
import { getPost, getPostBySlug, POPULAR_KEY, type PostDetail } from "@/lib/domains/posts/queries";
import { articleHtmlKey, storeArticleHtml } from "@/lib/domains/posts/rendered";
import { getProfile, getUser, postsShowingName } from "@/lib/domains/users/queries";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";
import {
  authorById,
  forgetAuthor,
  forgetCommentsBy,
  forgetMentions,
  invalidate,
  profileById,
} from "./parts";
import { Invalidation } from "./record";

// The one place that knows what a change makes wrong: the entries it names by key (memoized calls,
// cache-aside entries), and the things it names by tag (lib/blog-cache/tags.ts), which every layer
// expires under its own name: the cache library's families, Next's 'use cache' entries, whole
// pages. Mutations call these after Postgres has committed, inside their one wait
// (lib/platform/after-write.ts); callers never list keys. Failures here never fail the write: every
// layer fails open, and every entry has a TTL as a backstop. What each change deletes is recorded
// as it is deleted (./record.ts) and heard by live listeners (the admin cache page).

const authorOf = (post: PostDetail) => ({ id: post.authorId, username: post.author.username });

// Write-through of the post under both its memoized reads.
const primePost = (change: Invalidation, post: PostDetail) => [
  change.prime(getPost, [post.id], post),
  change.prime(getPostBySlug, [post.slug], post),
];

/** Write-through: the new post is cached at once; the lists it appears in are forgotten. */
export async function postCreated(post: PostDetail): Promise<void> {
  const change = new Invalidation(`post ${post.id} created`);
  await invalidate(
    change,
    [...primePost(change, post), forgetAuthor(change, post.authorId)],
    post.published ? [tags.feed, tags.author(authorOf(post))] : [],
  );
}

/** An edit: the post is written through; its HTML, the feeds and the author's figures are forgotten. */
export async function postChanged(post: PostDetail): Promise<void> {
  const change = new Invalidation(`post ${post.id} edited`);
  await invalidate(
    change,
    [
      ...primePost(change, post),
      // Written through, not deleted: a reader between a delete and the prime above could render
      // the old post and store its HTML for another 300 s.
      change.writeThrough(caches().html, articleHtmlKey(post.slug), () =>
        storeArticleHtml(post.slug, post.content),
      ),
      change.forget(caches().popular, POPULAR_KEY),
      forgetAuthor(change, post.authorId),
      forgetMentions(post, change.reason),
    ],
    [tags.post(post), tags.feed, tags.popular, tags.trending, tags.author(authorOf(post))],
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
  await invalidate(
    change,
    [
      change.forgetCall(getPost, post.id),
      change.forgetCall(getPostBySlug, post.slug),
      change.forget(caches().comment, commentsKey(post.id)),
      change.forget(caches().html, articleHtmlKey(post.slug)),
      change.forget(caches().popular, POPULAR_KEY),
      forgetAuthor(change, post.authorId),
      forgetMentions({ ...post, namedBy: post.namedBy ?? [post.authorId] }, change.reason),
    ],
    authorById(post.authorId).then((author) => [
      tags.post(post),
      tags.feed,
      tags.popular,
      tags.leaderboard,
      author,
    ]),
  );
}

export async function commentsChanged(post: {
  id: number;
  slug: string;
  authorId: number;
}): Promise<void> {
  const change = new Invalidation(`comments of post ${post.id} changed`);
  await invalidate(
    change,
    [
      change.forget(caches().comment, commentsKey(post.id)),
      change.forget(caches().userPage, dashboardKey(post.authorId)),
    ],
    [tags.comments(post)],
  );
}

/**
 * A profile edit. The bio is on the profile page alone. The name is on every page that shows the
 * user: their articles and the comments they wrote (the posts named by postsShowingName), their
 * profile, and for an author of published posts the feed pages and search results, the Popular
 * box and the leaderboard. Those pages are purged by their tags, never every page; the memoized
 * post reads carry the author's name and are forgotten whole (a new version each, O(1)) when
 * the user wrote any.
 */
export async function profileChanged(
  user: { id: number; username: string },
  { nameChanged }: { nameChanged: boolean },
): Promise<void> {
  const change = new Invalidation(`profile of ${user.username} edited`);
  const own = [
    change.forgetCall(getUser, user.id),
    change.forgetCall(getProfile, user.username.toLowerCase()),
    forgetAuthor(change, user.id),
  ];
  if (!nameChanged) return invalidate(change, own, [tags.author(user)]);
  const shown = await showingName(user);
  const authored = shown.wrote
    ? [change.forgetCall(getPost), change.forgetCall(getPostBySlug)]
    : [];
  const listed = shown.published ? [change.forget(caches().popular, POPULAR_KEY)] : [];
  await invalidate(
    change,
    [...own, ...authored, ...listed, forgetCommentsBy(change, user.id)],
    [
      ...(shown.published ? [tags.feed, tags.popular, tags.leaderboard] : []),
      tags.author(user),
      ...shown.posts.map(tags.post),
    ],
  );
}

// What shows the name. If the posts cannot be read, the user is taken for an author of published
// posts, so the lists go; the articles live out their fresh time.
async function showingName(user: { id: number }) {
  try {
    const posts = await postsShowingName(user.id);
    const own = posts.filter((post) => post.authorId === user.id);
    return { posts, wrote: own.length > 0, published: own.some((post) => post.published) };
  } catch (error) {
    logger.warn("the articles showing a changed name are unknown; they expire by TTL", {
      user: user.id,
      error: errorMessage(error),
    });
    return { posts: [], wrote: true, published: true };
  }
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
  await invalidate(
    change,
    [change.forget(caches().fragment, memberPartsKey(follower.id))],
    [tags.profile(follower), tags.profile(followee)],
  );
}

/** The user's activity stream changed (a comment written or removed): their sidebar shows it. */
export async function activityChanged(userId: number): Promise<void> {
  const change = new Invalidation(`activity of user ${userId} changed`);
  await invalidate(
    change,
    [change.forget(caches().fragment, memberPartsKey(userId))],
    profileById(userId),
  );
}
