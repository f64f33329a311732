import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export const FEED_PAGE_SIZE = 20;

const authorSelect = { select: { id: true, username: true, name: true } } as const;

// Feed cards: no content column, author joined in the same query (no N+1).
export const postSummarySelect = {
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

const publishedOrder: Prisma.PostOrderByWithRelationInput[] = [{ publishedAt: "desc" }, { id: "desc" }];

export async function getFeedPage(page: number): Promise<FeedPage> {
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

// Drafts are visible to their author only; to anyone else they do not exist.
export function visibleTo(post: PostDetail | null, viewerId: number | undefined): PostDetail | null {
  if (!post) return null;
  return post.published || post.authorId === viewerId ? post : null;
}

export async function getPostById(id: number): Promise<PostDetail | null> {
  return db.post.findUnique({ where: { id }, select: postDetailSelect });
}

export async function getPostBySlug(slug: string): Promise<PostDetail | null> {
  return db.post.findUnique({ where: { slug }, select: postDetailSelect });
}

export async function getPostsByAuthor(authorId: number, includeDrafts: boolean): Promise<PostSummary[]> {
  return db.post.findMany({
    where: { authorId, ...(includeDrafts ? {} : { published: true }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 50,
    select: postSummarySelect,
  });
}
