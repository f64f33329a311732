import "server-only";
import { caches } from "@/lib/blog-cache/caches";
import { articlePath, viewsByDay } from "@/lib/domains/analytics";
import { getRecentCommentsOnPostsOf } from "@/lib/domains/comments/queries";
import { getPostsByAuthor, type PostSummary } from "@/lib/domains/posts/queries";
import { getUserStatistics, type UserStatistics } from "@/lib/domains/users/queries";
import { recordOperation } from "@/lib/platform/request-trace";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";

export const dashboardKey = (userId: number) => `dashboard:user:${userId}`;

export type Dashboard = {
  stats: UserStatistics;
  posts: PostSummary[];
  drafts: number;
  recentComments: {
    id: number;
    content: string;
    createdAt: Date;
    postSlug: string;
    postTitle: string;
    authorName: string;
  }[];
  builtAt: Date;
};

async function loadDashboard(userId: number): Promise<Dashboard> {
  const [stats, posts, comments] = await Promise.all([
    getUserStatistics(userId),
    getPostsByAuthor(userId, true),
    getRecentCommentsOnPostsOf(userId),
  ]);
  return {
    stats,
    posts,
    drafts: posts.filter((post) => !post.published).length,
    recentComments: comments.map((c) => ({
      id: c.id,
      content: c.content,
      createdAt: c.createdAt,
      postSlug: c.post.slug,
      postTitle: c.post.title,
      authorName: c.author.name,
    })),
    builtAt: new Date(),
  };
}

/**
 * Per-user caching (the tutorial's cached_by_user): the dashboard is built once per user and
 * kept 300 s under a key that carries the user id, so no reader ever sees another's.
 */
export function getDashboard(userId: number): Promise<Dashboard> {
  return caches().userPage.getOrSet(dashboardKey(userId), () => loadDashboard(userId));
}

export type ArticleViews = {
  days: string[];
  posts: { id: number; slug: string; title: string; byDay: number[]; total: number }[];
};

/**
 * Page views of the author's published articles on each of the last `days` days, from the
 * analytics counters (one ZMSCORE per day, one round trip). Read live beside the cached
 * dashboard, so today's figures move with every reader; null while Redis is unavailable.
 */
export async function getArticleViews(
  posts: PostSummary[],
  days = 14,
): Promise<ArticleViews | null> {
  const published = posts.filter((post) => post.published);
  const started = performance.now();
  try {
    const { days: dates, views } = await viewsByDay(
      published.map((post) => articlePath(post.slug)),
      days,
    );
    recordOperation({
      key: "analytics:pages:<day>",
      pattern: "Counters (analytics)",
      result: `${days} days`,
      ms: performance.now() - started,
    });
    return {
      days: dates,
      posts: published.map(({ id, slug, title }) => {
        const byDay = views.get(articlePath(slug)) ?? dates.map(() => 0);
        return { id, slug, title, byDay, total: byDay.reduce((sum, n) => sum + n, 0) };
      }),
    };
  } catch (error) {
    logger.warn("article views unavailable", { error: errorMessage(error) });
    return null;
  }
}
