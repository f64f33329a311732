import { z } from "zod";
import { cachedRoute } from "@/lib/blog-cache/caches";
import { userApiGroup } from "@/lib/blog-cache/tags";
import { getPostsByAuthor } from "@/lib/domains/posts/queries";
import { idSchema } from "@/lib/domains/posts/schemas";
import { getUserCard, getUserStatistics } from "@/lib/domains/users/queries";
import { json, route } from "@/lib/http/api";
import { notFound } from "@/lib/platform/errors";
import { parseOrThrow } from "@/lib/platform/validation";

type Context = { params: Promise<{ id: string }> };

// By the id as parsed, so /api/users/05 and /api/users/5 (one user) are forgotten together. An
// id that does not parse answers 404, which is never stored.
function userGroup(request: Request): string {
  let segment = new URL(request.url).pathname.split("/").pop() ?? "";
  try {
    segment = decodeURIComponent(segment); // as Next decodes params: /api/users/%35 is user 5
  } catch {
    // Not an id whichever way it is read.
  }
  const id = idSchema.safeParse(segment);
  return userApiGroup(id.success ? id.data : "invalid");
}

const query = z.object({
  posts: z.enum(["true", "false"], { error: 'posts must be "true" or "false"' }).default("false"),
});

// The tutorial's @cache.cached(timeout=60, query_string=True) get_user: the whole response is
// cached 60 s, one entry per validated query (`posts`), so unknown parameters make no entries.
export const GET = route(
  cachedRoute(
    "api",
    async (request: Request, context: Context) => {
      const id = idSchema.safeParse((await context.params).id);
      if (!id.success) throw notFound("That user");
      const { posts } = parseOrThrow(query, Object.fromEntries(new URL(request.url).searchParams));
      const user = await getUserCard(id.data);
      if (!user) throw notFound("That user");
      const [statistics, recent] = await Promise.all([
        getUserStatistics(user.id),
        posts === "true" ? getPostsByAuthor(user.id, false) : undefined,
      ]);
      return json({ ...user, statistics, ...(recent && { posts: recent.slice(0, 10) }) });
    },
    // Forgotten whole when one of the user's posts or their profile changes.
    { timeout: 60, query, keyPrefix: "users", group: userGroup },
  ),
);
