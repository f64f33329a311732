import "server-only";
import { dashboardKey } from "@/lib/blog/dashboard";
import { memberPartsKey } from "@/lib/blog/member-parts";
import { caches } from "@/lib/blog-cache/caches";
import { namesIn, type Tag, tags, userApiGroup } from "@/lib/blog-cache/tags";
import { dropActivityStreams, streamsNamingPost } from "@/lib/domains/activity";
import { commentsKey, postIdsCommentedOnBy } from "@/lib/domains/comments/queries";
import { getPostsByAuthor } from "@/lib/domains/posts/queries";
import { getUser, getUserStatistics, usernamesOf } from "@/lib/domains/users/queries";
import { expireNextCacheTags } from "@/lib/next-cache/expire-tags";
import { logger } from "@/lib/util/logger";
import { Invalidation } from "./record";

// The pieces the changes of ./index.ts are made of. Each records what it deletes in the change
// it is given, or (pages, mentions) in an event of its own, named after the change.

/**
 * A change's invalidation: its entries, and every layer's names for the things it makes wrong
 * (lib/blog-cache/tags.ts): the cache library's families and Next's entries with the data, whole pages
 * last. Not waited for on its own: the mutation that calls it waits once (lib/platform/after-write.ts).
 */
export function invalidate(
  change: Invalidation,
  entries: Promise<unknown>[],
  things: Tag[] | Promise<Tag[]> = [],
): Promise<void> {
  const named = Promise.resolve(things);
  return settle(
    change,
    [
      ...entries,
      named.then((resolved) => forgetFamilies(change, resolved)),
      named.then((resolved) => expireNextCacheTags(namesIn("next", resolved))),
    ],
    () => named.then((resolved) => forgetPages(change.reason, namesIn("page", resolved))),
  );
}

// Postgres has the change already; a cache that could not be told is logged, not an error.
// Whole pages are purged only once the data they are rendered from is forgotten: a page rendered
// between a purge and the forgetting of its data would be stored from the old data after the
// purge, with nothing left to purge it (lib/page-cache/tag-index.ts catches renders that started
// before the purge, not after it).
export async function settle(
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

// Families of entries whose keys cannot be listed in advance (every feed page ever cached, every
// query string of an API response): a tag's list, or a group's version (lib/cache/groups.ts).
function forgetFamilies(change: Invalidation, things: Tag[]): Promise<unknown> {
  const cache = caches();
  return Promise.all(
    things.flatMap((thing) => [
      ...(thing.listed ? [change.forgetTag(cache[thing.listed.cache], thing.listed.name)] : []),
      ...(thing.groups ?? []).map((group) => change.forgetGroup(cache[group.cache], group.name)),
    ]),
  );
}

export function forgetAuthor(change: Invalidation, authorId: number): Promise<unknown> {
  return Promise.all([
    change.forgetCall(getPostsByAuthor, authorId, true),
    change.forgetCall(getPostsByAuthor, authorId, false),
    change.forgetCall(getUserStatistics, authorId),
    change.forget(caches().fragment, memberPartsKey(authorId)),
    change.forget(caches().userPage, dashboardKey(authorId)),
  ]);
}

/** Whole pages stored by the page cache (server.ts) that show the change, by tag. */
function forgetPages(reason: string, tags: string[]): Promise<void> {
  const pages = new Invalidation(`${reason}: pages`);
  return pages.complete([pages.purgePages(tags)]);
}

/** The author as a tagged thing, found by id; only their API group when they are gone. */
export async function authorById(authorId: number): Promise<Tag> {
  const author = await getUser(authorId);
  return author
    ? tags.author(author)
    : { groups: [{ cache: "api", name: userApiGroup(authorId) }] };
}

/** A user's profile page, found by id. */
export async function profileById(userId: number): Promise<Tag[]> {
  const user = await getUser(userId);
  return user ? [tags.profile(user)] : [];
}

async function profilePageTags(userIds: number[]): Promise<string[]> {
  return namesIn(
    "page",
    (await usernamesOf(userIds)).map((username) => tags.profile({ username })),
  );
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
    mentions.forget(caches().fragment, ...users.map(memberPartsKey)),
  ]);
  // Their profile pages show the streams ("Recent activity"), cached whole for visitors: purged
  // once the streams are gone (see settle()).
  await forgetPages(reason, await profilePageTags(users));
}

// The comment lists that show this user's name.
export async function forgetCommentsBy(change: Invalidation, userId: number): Promise<void> {
  const postIds = await postIdsCommentedOnBy(userId);
  await change.forget(caches().comment, ...postIds.map(commentsKey));
}
