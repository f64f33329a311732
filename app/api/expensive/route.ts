import { cachedRoute } from "@/lib/blog-caches";
import { db } from "@/lib/db";
import { json, route } from "@/lib/http";

// Stands for a slow upstream (a report service, a third-party API): the tutorial's
// expensive_operation() takes two seconds.
const UPSTREAM_LATENCY_MS = 2_000;

async function buildReport() {
  const started = performance.now();
  const [totals, byMonth] = await Promise.all([
    db.post.aggregate({
      where: { published: true },
      _count: { _all: true },
      _sum: { viewCount: true },
      _avg: { viewCount: true },
    }),
    db.$queryRaw<{ month: string; posts: number }[]>`
      SELECT to_char(date_trunc('month', published_at), 'YYYY-MM') AS month, COUNT(*)::int AS posts
      FROM posts WHERE published GROUP BY 1 ORDER BY 1 DESC LIMIT 12`,
  ]);
  await new Promise((resolve) => setTimeout(resolve, UPSTREAM_LATENCY_MS));
  return {
    posts: totals._count._all,
    views: totals._sum.viewCount ?? 0,
    averageViews: Math.round(totals._avg.viewCount ?? 0),
    postsByMonth: byMonth,
    computedAt: new Date().toISOString(),
    computeMs: Math.round(performance.now() - started),
  };
}

// Cached whole for 5 minutes: the first request takes two seconds, the next ones a millisecond.
export const GET = route(
  cachedRoute("api", async () => json(await buildReport()), {
    timeout: 300,
    keyPrefix: "expensive",
  }),
);
