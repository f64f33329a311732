import { cachedRoute } from "@/lib/blog-caches";
import { db } from "@/lib/db";
import { json, route } from "@/lib/http";

// The tutorial's api cache (Redis DB 0, 300 s) behind a route: site totals for API clients.
export const GET = route(
  cachedRoute(
    "api",
    async () => {
      const [users, posts, comments] = await Promise.all([
        db.user.count({ where: { isActive: true } }),
        db.post.count({ where: { published: true } }),
        db.comment.count(),
      ]);
      return json({ users, posts, comments, generatedAt: new Date().toISOString() });
    },
    { timeout: 300, keyPrefix: "data" },
  ),
);
