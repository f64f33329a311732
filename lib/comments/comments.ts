import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { forbidden, notFound } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation";

export const commentSchema = z.object({
  content: z.string().trim().min(1, "Write something first.").max(5_000, "Keep comments under 5,000 characters."),
});

export type CommentView = {
  id: number;
  content: string;
  createdAt: Date;
  author: { id: number; username: string; name: string };
};

export async function getComments(postId: number): Promise<CommentView[]> {
  return db.comment.findMany({
    where: { postId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, content: true, createdAt: true, author: { select: { id: true, username: true, name: true } } },
  });
}

export async function addComment(postId: number, authorId: number, input: unknown): Promise<CommentView> {
  const { content } = parseOrThrow(commentSchema, input);
  const post = await db.post.findUnique({ where: { id: postId }, select: { published: true } });
  if (!post?.published) throw notFound("That post");
  return db.comment.create({
    data: { content, postId, authorId },
    select: { id: true, content: true, createdAt: true, author: { select: { id: true, username: true, name: true } } },
  });
}

// A comment may be removed by whoever wrote it or by the author of the post it is on.
export async function deleteComment(commentId: number, userId: number): Promise<void> {
  const comment = await db.comment.findUnique({
    where: { id: commentId },
    select: { authorId: true, post: { select: { authorId: true } } },
  });
  if (!comment) throw notFound("That comment");
  if (comment.authorId !== userId && comment.post.authorId !== userId) throw forbidden();
  await db.comment.delete({ where: { id: commentId } });
}
