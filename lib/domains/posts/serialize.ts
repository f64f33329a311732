import type { PostDetail } from "@/lib/domains/posts/queries";

// The API's view of a post: the same fields the pages use, nothing internal.
export function postJson(post: PostDetail) {
  const { authorId: _authorId, ...rest } = post;
  return rest;
}
