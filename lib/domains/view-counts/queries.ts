import "server-only";
import { db } from "@/lib/platform/db";

/** The view count Postgres has for a post, without what is pending in Redis; 0 for no post. */
export async function storedViewCount(postId: number): Promise<number> {
  const post = await db.post.findUnique({ where: { id: postId }, select: { viewCount: true } });
  return post?.viewCount ?? 0;
}
