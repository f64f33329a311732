import { cachedRoute } from "@/lib/caches";
import { notFound } from "@/lib/errors";
import { json, route } from "@/lib/http";
import { idSchema } from "@/lib/posts/schemas";
import { getPostsByAuthor } from "@/lib/posts/queries";
import { getUserStatistics } from "@/lib/users/queries";
import { db } from "@/lib/db";
import { z } from "zod";
import { parseOrThrow } from "@/lib/validation";

type Context = { params: Promise<{ id: string }> };

const query = z.object({ posts: z.enum(["true", "false"], { error: 'posts must be "true" or "false"' }).default("false") });

// The tutorial's @cache.cached(timeout=60, query_string=True) get_user: the whole response is
// cached 60 s, one entry per validated query (`posts`), so unknown parameters make no entries.
export const GET = route(
  cachedRoute(
    "api",
    async (request: Request, context: Context) => {
      const id = idSchema.safeParse((await context.params).id);
      if (!id.success) throw notFound("That user");
      const { posts } = parseOrThrow(query, Object.fromEntries(new URL(request.url).searchParams));
      const user = await db.user.findFirst({
        where: { id: id.data, isActive: true },
        select: { id: true, username: true, name: true, bio: true, createdAt: true },
      });
      if (!user) throw notFound("That user");
      const [statistics, recent] = await Promise.all([
        getUserStatistics(user.id),
        posts === "true" ? getPostsByAuthor(user.id, false) : undefined,
      ]);
      return json({ ...user, statistics, ...(recent && { posts: recent.slice(0, 10) }) });
    },
    { timeout: 60, query, keyPrefix: "users" },
  ),
);
