import "server-only";
import { caches } from "@/lib/blog-cache/caches";
import { db } from "@/lib/platform/db";

export type CommentView = {
  id: number;
  content: string;
  createdAt: Date;
  author: { id: number; username: string; name: string };
};

export const commentSelect = {
  id: true,
  content: true,
  createdAt: true,
  author: { select: { id: true, username: true, name: true } },
} as const;

export const commentsKey = (postId: number) => `post:${postId}`;

/**
 * Cache-aside: a post's comments, oldest first, by post id, so the article page fetches them in
 * the same round trip as its view count. Forgotten when one is added, removed, or its author
 * renames themselves.
 */
export function getComments(postId: number): Promise<CommentView[]> {
  return caches().comment.getOrSet(commentsKey(postId), () =>
    db.comment.findMany({
      where: { postId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 500,
      select: commentSelect,
    }),
  );
}

/** The 10 latest comments others left on the user's posts, newest first (the dashboard). */
export function getRecentCommentsOnPostsOf(userId: number) {
  return db.comment.findMany({
    where: { post: { authorId: userId }, authorId: { not: userId } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 10,
    select: {
      id: true,
      content: true,
      createdAt: true,
      post: { select: { slug: true, title: true } },
      author: { select: { name: true } },
    },
  });
}

// The posts whose comment lists show this user's name.
export async function postIdsCommentedOnBy(userId: number): Promise<number[]> {
  const posts = await db.comment.findMany({
    where: { authorId: userId },
    distinct: ["postId"],
    select: { postId: true },
  });
  return posts.map((post) => post.postId);
}
