// One side of bench/data.ts: loads each page's data many times in this process (caching on or
// off per CACHE_ENABLED) and prints, per page, the mean time and the SQL / Redis cost of one load.

import { loadArticle } from "@/lib/blog/pages/article";
import { loadHome } from "@/lib/blog/pages/home";
import { loadProfile } from "@/lib/blog/pages/profile";
import { getFeedPage, getPopularPosts } from "@/lib/domains/posts/queries";
import { db } from "@/lib/platform/db";
import { traced } from "@/lib/platform/request-trace";

const ROUNDS = Number(process.env.BENCH_DATA_ROUNDS ?? 300);

async function main() {
  const post = await db.post.findFirstOrThrow({
    where: { published: true },
    orderBy: { viewCount: "desc" },
    select: { slug: true },
  });
  const author = await db.user.findFirstOrThrow({
    where: { posts: { some: { published: true } } },
    select: { username: true },
  });
  const pages: [string, () => Promise<unknown>][] = [
    // The feed and the Popular box are loaded by 'use cache' components, when Next's cache misses.
    ["home page data", () => Promise.all([loadHome(null), getFeedPage(1), getPopularPosts()])],
    ["article page data", () => loadArticle(post.slug, null)],
    ["profile page data", () => loadProfile(author.username, null)],
  ];
  const results = [];
  for (const [name, load] of pages) {
    for (let i = 0; i < 20; i++) await load(); // warm the cache (when on) and the JIT
    const { trace } = await traced(load);
    const started = performance.now();
    for (let i = 0; i < ROUNDS; i++) await load();
    results.push({
      name,
      meanMs: (performance.now() - started) / ROUNDS,
      sql: trace.sql,
      roundTrips: trace.redisRoundTrips,
    });
  }
  process.stdout.write(JSON.stringify(results));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
