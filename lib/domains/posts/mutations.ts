import "server-only";
import { postChanged, postCreated, postDeleted } from "@/lib/blog/invalidation";
import {
  activityRefs,
  forgetActivity,
  posted,
  recordActivity,
  streamsNamingPost,
} from "@/lib/domains/activity";
import { type PostDetail, postDetailSelect } from "@/lib/domains/posts/queries";
import {
  type CreatePostInput,
  createPostSchema,
  updatePostSchema,
} from "@/lib/domains/posts/schemas";
import { excerptOf, uniqueSlug } from "@/lib/domains/posts/slug";
import { dropViews } from "@/lib/domains/view-counts/counter";
import { Prisma } from "@/lib/generated/prisma/client";
import { afterWrite } from "@/lib/platform/after-write";
import { db } from "@/lib/platform/db";
import { forbidden, notFound } from "@/lib/platform/errors";
import { assertId, parseOrThrow } from "@/lib/platform/validation";
import { publishPostCreated } from "@/lib/realtime/publish";

export async function createPost(authorId: number, input: unknown): Promise<PostDetail> {
  const post = await insertPost(authorId, parseOrThrow(createPostSchema, input));
  await afterWrite(`post ${post.id} created`, async () => {
    if (post.published)
      await recordActivity(authorId, posted(post, post.publishedAt ?? post.createdAt));
    await postCreated(post);
    if (post.published) await publishPostCreated(post);
  });
  return post;
}

async function insertPost(authorId: number, data: CreatePostInput): Promise<PostDetail> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.post.create({
        data: {
          title: data.title,
          content: data.content,
          excerpt: data.excerpt || excerptOf(data.content),
          published: data.published,
          publishedAt: data.published ? new Date() : null,
          slug: uniqueSlug(data.title),
          authorId,
        },
        select: postDetailSelect,
      });
    } catch (error) {
      const slugTaken =
        error instanceof Prisma.PrismaClientKnownRequestError &&
        error.code === "P2002" &&
        attempt < 3;
      if (!slugTaken) throw error;
    }
  }
}

async function ownedPost(postId: number, userId: number) {
  const post = await db.post.findUnique({
    where: { id: assertId(postId, "That post") },
    select: { id: true, slug: true, authorId: true, published: true, publishedAt: true },
  });
  if (!post || (!post.published && post.authorId !== userId)) throw notFound("That post");
  if (post.authorId !== userId) throw forbidden("Only the author can change this post.");
  return post;
}

export async function updatePost(
  postId: number,
  userId: number,
  input: unknown,
): Promise<PostDetail> {
  const data = parseOrThrow(updatePostSchema, input);
  const current = await ownedPost(postId, userId);
  const firstPublish = data.published === true && !current.publishedAt;
  const post = await db.post.update({
    where: { id: postId },
    data: {
      ...data,
      ...(data.content !== undefined &&
        data.excerpt === undefined && { excerpt: excerptOf(data.content) }),
      ...(firstPublish && { publishedAt: new Date() }),
    },
    select: postDetailSelect,
  });
  await afterWrite(`post ${post.id} edited`, async () => {
    if (firstPublish)
      await recordActivity(userId, posted(post, post.publishedAt ?? post.createdAt));
    await postChanged(post);
  });
  return post;
}

export async function deletePost(postId: number, userId: number): Promise<void> {
  const post = await ownedPost(postId, userId);
  const namedBy = await deleteReturningStreams(post);
  await afterWrite(`post ${postId} deleted`, async () => {
    await forgetActivity(userId, "posted", activityRefs.posted(postId));
    await Promise.all([postDeleted({ ...post, namedBy }), dropViews(postId)]);
  });
}

// The comments go with the post (ON DELETE CASCADE), so whose activity streams name it is read
// first, in the same transaction, with the post's row locked: a comment cannot be added between
// the read and the delete (its foreign key check waits for the lock).
async function deleteReturningStreams(post: { id: number; authorId: number }): Promise<number[]> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM posts WHERE id = ${post.id} FOR UPDATE`;
    const namedBy = await streamsNamingPost(post, tx);
    await tx.post.delete({ where: { id: post.id } });
    return namedBy;
  });
}
