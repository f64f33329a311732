import { cachedRoute } from "@/lib/blog-cache/caches";
import { getPostsPerMonth, getPostTotals } from "@/lib/domains/posts/queries";
import { json, route } from "@/lib/http/api";

// Stands for a slow upstream (a report service, a third-party API): the tutorial's
// expensive_operation() takes two seconds.
const UPSTREAM_LATENCY_MS = 2_000;

async function buildReport() {
  const started = performance.now();
  const [totals, byMonth] = await Promise.all([getPostTotals(), getPostsPerMonth()]);
  await new Promise((resolve) => setTimeout(resolve, UPSTREAM_LATENCY_MS));
  return {
    ...totals,
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
