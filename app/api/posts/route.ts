import { z } from "zod";
import { cachedRoute } from "@/lib/blog-cache/caches";
import { LATEST_POSTS_GROUP } from "@/lib/blog-cache/tags";
import { apiWriter } from "@/lib/domains/auth/api-writer";
import { createPost } from "@/lib/domains/posts/mutations";
import { getLatestPosts } from "@/lib/domains/posts/queries";
import { postJson } from "@/lib/domains/posts/serialize";
import { json, readJson, route } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/platform/validation";

const listQuery = z.object({
  limit: z.coerce
    .number({ error: "limit must be a whole number from 1 to 50." })
    .int("limit must be a whole number from 1 to 50.")
    .min(1, "limit must be a whole number from 1 to 50.")
    .max(50, "limit must be a whole number from 1 to 50.")
    .default(10),
  refresh: z.string().optional(),
});

// The tutorial's @cache.cached(timeout=120, unless=lambda: 'refresh' in request.args): the
// latest posts, cached whole for 120 s per validated `limit` (other parameters never make an
// entry of their own) until a post changes; ?refresh skips the cache (BYPASS).
export const GET = route(
  cachedRoute(
    "api",
    async (request: Request) => {
      const { limit } = parseOrThrow(
        listQuery,
        Object.fromEntries(new URL(request.url).searchParams),
      );
      const posts = await getLatestPosts(limit);
      return json({ posts, generatedAt: new Date().toISOString() });
    },
    {
      timeout: 120,
      query: listQuery.pick({ limit: true }),
      keyPrefix: "posts",
      // Forgotten whole when a post is published, edited, unpublished or deleted.
      group: LATEST_POSTS_GROUP,
      unless: (request) => new URL(request.url).searchParams.has("refresh"),
    },
  ),
);

export const POST = route(async (request: Request) => {
  const user = await apiWriter(request);
  const post = await createPost(user.id, await readJson(request));
  return json(postJson(post), { status: 201, headers: { Location: `/api/posts/${post.id}` } });
});
