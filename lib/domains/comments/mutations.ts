import "server-only";
import { z } from "zod";
import { activityChanged, commentsChanged } from "@/lib/blog/invalidation";
import { activityRefs, commented, forgetActivity, recordActivity } from "@/lib/domains/activity";
import { type CommentView, commentSelect } from "@/lib/domains/comments/queries";
import { afterWrite } from "@/lib/platform/after-write";
import { db } from "@/lib/platform/db";
import { forbidden, notFound } from "@/lib/platform/errors";
import { assertId, parseOrThrow } from "@/lib/platform/validation";
import { publishCommented } from "@/lib/realtime/publish";

const commentSchema = z.object({
  content: z
    .string()
    .trim()
    .min(1, "Write something first.")
    .max(5_000, "Keep comments under 5,000 characters."),
});

export async function addComment(
  postId: number,
  authorId: number,
  input: unknown,
): Promise<CommentView> {
  const { content } = parseOrThrow(commentSchema, input);
  const post = await db.post.findUnique({
    where: { id: assertId(postId, "That post") },
    select: { id: true, slug: true, title: true, published: true, authorId: true },
  });
  if (!post?.published) throw notFound("That post");
  const comment = await db.comment.create({
    data: { content, postId, authorId },
    select: commentSelect,
  });
  await afterWrite(`comment ${comment.id} added`, async () => {
    await recordActivity(authorId, commented(comment.id, post, comment.createdAt));
    await Promise.all([commentsChanged(post), activityChanged(authorId)]);
    await publishCommented(post.authorId, post, comment.author);
  });
  return comment;
}

// A comment may be removed by whoever wrote it or by the author of the post it is on.
export async function deleteComment(commentId: number, userId: number): Promise<void> {
  const comment = await db.comment.findUnique({
    where: { id: assertId(commentId, "That comment") },
    select: {
      authorId: true,
      postId: true,
      post: { select: { id: true, slug: true, authorId: true } },
    },
  });
  if (!comment) throw notFound("That comment");
  if (comment.authorId !== userId && comment.post.authorId !== userId) throw forbidden();
  await db.comment.delete({ where: { id: commentId } });
  await afterWrite(`comment ${commentId} deleted`, async () => {
    await forgetActivity(comment.authorId, "commented", activityRefs.commented(commentId));
    await Promise.all([commentsChanged(comment.post), activityChanged(comment.authorId)]);
  });
}
