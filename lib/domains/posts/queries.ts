import "server-only";
import { caches, memoized, onlyFound } from "@/lib/blog-cache/caches";
import { FEED_PAGES_TAG } from "@/lib/blog-cache/tags";
import type { Loaded } from "@/lib/cache";
import { MAX_CACHED_FEED_PAGE } from "@/lib/domains/posts/schemas";
import { isSlug } from "@/lib/domains/posts/slug";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/platform/db";

export const FEED_PAGE_SIZE = 20;

const authorSelect = { select: { id: true, username: true, name: true } } as const;

// Feed cards: no content column, author joined in the same statement (relationJoins): a page
// of 20 posts with their authors is one SQL statement, plus one for the count.
const postSummarySelect = {
  id: true,
  slug: true,
  title: true,
  excerpt: true,
  published: true,
  publishedAt: true,
  viewCount: true,
  createdAt: true,
  author: authorSelect,
} as const satisfies Prisma.PostSelect;

export const postDetailSelect = {
  ...postSummarySelect,
  content: true,
  updatedAt: true,
  authorId: true,
} as const satisfies Prisma.PostSelect;

export type PostSummary = Prisma.PostGetPayload<{ select: typeof postSummarySelect }>;
export type PostDetail = Prisma.PostGetPayload<{ select: typeof postDetailSelect }>;

export type FeedPage = { posts: PostSummary[]; total: number; pages: number; currentPage: number };

const publishedOrder: Prisma.PostOrderByWithRelationInput[] = [
  { publishedAt: "desc" },
  { id: "desc" },
];

async function loadFeedPage(page: number): Promise<FeedPage> {
  const where = { published: true } satisfies Prisma.PostWhereInput;
  const [posts, total] = await Promise.all([
    db.post.findMany({
      where,
      orderBy: publishedOrder,
      skip: (page - 1) * FEED_PAGE_SIZE,
      take: FEED_PAGE_SIZE,
      select: postSummarySelect,
    }),
    db.post.count({ where }),
  ]);
  return { posts, total, pages: Math.max(1, Math.ceil(total / FEED_PAGE_SIZE)), currentPage: page };
}

/** The latest published posts, newest first (GET /api/posts). */
export function getLatestPosts(limit: number): Promise<PostSummary[]> {
  return db.post.findMany({
    where: { published: true },
    orderBy: publishedOrder,
    take: limit,
    select: postSummarySelect,
  });
}

export type PostTotals = { posts: number; views: number; averageViews: number };

/** Published posts: how many, their views in all and on average. */
export async function getPostTotals(): Promise<PostTotals> {
  const totals = await db.post.aggregate({
    where: { published: true },
    _count: { _all: true },
    _sum: { viewCount: true },
    _avg: { viewCount: true },
  });
  return {
    posts: totals._count._all,
    views: totals._sum.viewCount ?? 0,
    averageViews: Math.round(totals._avg.viewCount ?? 0),
  };
}

/** Posts published per month (YYYY-MM), the latest 12 months that have any. */
export function getPostsPerMonth(): Promise<{ month: string; posts: number }[]> {
  return db.$queryRaw<{ month: string; posts: number }[]>`
    SELECT to_char(date_trunc('month', published_at), 'YYYY-MM') AS month, COUNT(*)::int AS posts
    FROM posts WHERE published GROUP BY 1 ORDER BY 1 DESC LIMIT 12`;
}

export const feedPageKey = (page: number) => `page:${page}`;

/** Cache-aside: one key per feed page, 300 s; forgotten (by tag) when a post is published or changes. */
export async function getFeedPage(page: number): Promise<FeedPage> {
  return (await getFeedPageWithResult(page)).value;
}

/** The feed page and how the cache served it, for an X-Cache header. */
export async function getFeedPageWithResult(page: number): Promise<Loaded<FeedPage>> {
  // Past the cached pages (MAX_CACHED_FEED_PAGE): read from Postgres, neither stored nor tagged.
  if (page > MAX_CACHED_FEED_PAGE) return { value: await loadFeedPage(page), result: "BYPASS" };
  // Under the feed's tag: forgotten by the next change that forgets the tag, even if Redis evicted
  // the tag's list meanwhile; a page loaded while a change forgot the tag is a miss afterwards.
  return caches().feed.getOrSetWithResult(feedPageKey(page), () => loadFeedPage(page), {
    tags: [FEED_PAGES_TAG],
  });
}

// Drafts are visible to their author only; to anyone else they do not exist.
export function visibleTo(
  post: PostDetail | null,
  viewerId: number | undefined,
): PostDetail | null {
  if (!post) return null;
  return post.published || post.authorId === viewerId ? post : null;
}

/** Read-through (memoize): a post by id. */
export const getPost = memoized(
  "post",
  async (id: number): Promise<PostDetail | null> =>
    db.post.findUnique({ where: { id }, select: postDetailSelect }),
  { name: "getPost", ...onlyFound },
);

/**
 * Read-through (memoize): a post by slug. Read it through findPostBySlug, which keeps what is not
 * a slug out of the cache; invalidation primes and forgets it here.
 */
export const getPostBySlug = memoized(
  "post",
  async (slug: string): Promise<PostDetail | null> =>
    db.post.findUnique({ where: { slug }, select: postDetailSelect }),
  { name: "getPostBySlug", ...onlyFound },
);

/** A post by slug, for the article page and its editor; null (no Redis, no SQL) for a non-slug. */
export function findPostBySlug(slug: string): Promise<PostDetail | null> {
  return isSlug(slug) ? getPostBySlug(slug) : Promise.resolve(null);
}

/** Read-through (memoize): an author's posts, with drafts for the author's own view. */
export const getPostsByAuthor = memoized(
  "post",
  async (authorId: number, includeDrafts: boolean): Promise<PostSummary[]> =>
    db.post.findMany({
      where: { authorId, ...(includeDrafts ? {} : { published: true }) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: 50,
      select: postSummarySelect,
    }),
  { name: "getPostsByAuthor" },
);

export type PopularPost = {
  id: number;
  slug: string;
  title: string;
  viewCount: number;
  authorName: string;
};

async function loadPopularPosts(): Promise<PopularPost[]> {
  const posts = await db.post.findMany({
    where: { published: true },
    orderBy: [{ viewCount: "desc" }, { id: "desc" }],
    take: 10,
    select: {
      id: true,
      slug: true,
      title: true,
      viewCount: true,
      author: { select: { name: true } },
    },
  });
  return posts.map(({ author, ...post }) => ({ ...post, authorName: author.name }));
}

export const POPULAR_KEY = "top10";

/**
 * Refresh-ahead: fresh for 60 s, refreshed early (XFetch) by a reader shortly before that, and
 * served stale for 10 minutes after it while one background refresh runs: once warm, no reader
 * waits for the database.
 */
export function getPopularPosts(): Promise<PopularPost[]> {
  return caches().popular.getOrSet(POPULAR_KEY, loadPopularPosts, {
    timeout: 60,
    stale: 600,
    earlyRefresh: true,
  });
}
