import "server-only";
import { afterWrite } from "@/lib/blog/after-write";
import { apiGroups, caches } from "@/lib/blog/caches";
import { dashboardKey } from "@/lib/blog/dashboard";
import { sidebarKey } from "@/lib/blog/sidebar";
import { dropActivityStreams, streamsNamingPost } from "@/lib/domains/activity";
import { commentsKey, postIdsCommentedOnBy } from "@/lib/domains/comments/queries";
import { FEED_PAGES_TAG, getPostsByAuthor } from "@/lib/domains/posts/queries";
import { SEARCH_RESULTS_GROUP } from "@/lib/domains/search";
import { getUser, getUserStatistics, usernamesOf } from "@/lib/domains/users/queries";
import { pageTags } from "@/lib/page-cache/tags";
import { logger } from "@/lib/util/logger";
import { Invalidation } from "./record";

// The pieces the changes of ./index.ts are made of. Each records what it deletes in the change
// it is given, or (listings, pages, mentions) in an event of its own, named after the change.

// Postgres has the change already; a cache that could not be told is logged, not an error.
// Every change is bounded by the one wait for what follows a write (lib/blog/after-write.ts), so a
// stalled Redis does not hold the answer for each stage's timeouts in turn.
export function settle(
  change: Invalidation,
  work: Promise<unknown>[],
  pages?: () => Promise<void>,
  waitMs?: number,
): Promise<void> {
  return afterWrite(change.reason, () => invalidate(change, work, pages), waitMs);
}

// Whole pages are purged only once the data they are rendered from is forgotten: a page rendered
// between a purge and the forgetting of its data would be stored from the old data after the
// purge, with nothing left to purge it (lib/page-cache/tag-index.ts catches renders that started
// before the purge, not after it).
async function invalidate(
  change: Invalidation,
  work: Promise<unknown>[],
  pages?: () => Promise<void>,
): Promise<void> {
  const results = await Promise.allSettled(work);
  await change.publish();
  if (pages) results.push(...(await Promise.allSettled([pages()])));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  for (const { reason } of failed) {
    logger.warn("cache invalidation incomplete; entries expire by TTL", {
      change: change.reason,
      error: String(reason),
    });
  }
}

// Every feed page shifts when a post is published, changed or removed: every page cached is
// listed under one tag, so forgetting them asks neither Postgres (how many pages?) nor SCAN.
export const forgetFeed = (change: Invalidation) => change.forgetTag(caches().feed, FEED_PAGES_TAG);

export function forgetAuthor(change: Invalidation, authorId: number): Promise<unknown> {
  return Promise.all([
    change.forgetCall(getPostsByAuthor, authorId, true),
    change.forgetCall(getPostsByAuthor, authorId, false),
    change.forgetCall(getUserStatistics, authorId),
    change.forget(caches().fragment, sidebarKey(authorId)),
    change.forget(caches().userPage, dashboardKey(authorId)),
  ]);
}

// Whole API responses and search results that list posts or show an author's figures: one
// version bump per group (lib/cache/groups.ts), however many query strings are cached.
export function forgetListings(reason: string, authorId: number): Promise<void> {
  const listings = new Invalidation(`${reason}: listings`);
  return listings.complete([
    listings.forgetGroup(caches().api, apiGroups.latestPosts),
    listings.forgetGroup(caches().api, apiGroups.user(authorId)),
    listings.forgetGroup(caches().search, SEARCH_RESULTS_GROUP),
  ]);
}

/** Whole pages stored by the page cache (server.ts) that show the change, by tag. */
export function forgetPages(reason: string, tags: string[] | Promise<string[]>): Promise<void> {
  const pages = new Invalidation(`${reason}: pages`);
  return pages.complete([Promise.resolve(tags).then((resolved) => pages.purgePages(resolved))]);
}

export async function authorPage(authorId: number): Promise<string[]> {
  const author = await getUser(authorId);
  return author ? [pageTags.user(author.username)] : [];
}

async function profileTags(userIds: number[]): Promise<string[]> {
  return (await usernamesOf(userIds)).map(pageTags.user);
}

// Lines that name a post outside the post itself: the activity streams of its author and
// commenters ("Published …", "Commented on …") and those users' sidebars, which show the latest
// lines. Dropped, not rewritten: each is rebuilt from Postgres on its next read, with the
// current title and without unpublished or deleted posts. `namedBy` when the comments that say
// who commented are gone already (a delete reads them first).
export async function forgetMentions(
  post: { id: number; authorId: number; namedBy?: number[] },
  reason: string,
): Promise<void> {
  const users = post.namedBy ?? (await streamsNamingPost(post));
  const mentions = new Invalidation(`${reason}: activity of ${users.length} users`);
  await mentions.complete([
    dropActivityStreams(users),
    mentions.forget(caches().fragment, ...users.map(sidebarKey)),
  ]);
  // Their profile pages show the streams ("Recent activity"), cached whole for visitors: purged
  // once the streams are gone (see settle()).
  await forgetPages(reason, profileTags(users));
}

// The comment lists that show this user's name.
export async function forgetCommentsBy(change: Invalidation, userId: number): Promise<void> {
  const postIds = await postIdsCommentedOnBy(userId);
  await change.forget(caches().comment, ...postIds.map(commentsKey));
}
