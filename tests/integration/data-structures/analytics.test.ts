import { describe, expect, it } from "vitest";
import { getArticleViews } from "@/lib/blog/dashboard";
import {
  articlePath,
  pageViews,
  topPages,
  totalViews,
  trackPageView,
  utcDay,
  viewsByDay,
} from "@/lib/domains/analytics";
import { dailyPagesKey, TOTAL_PAGES_KEY } from "@/lib/domains/analytics/keys";
import { createPost } from "@/lib/domains/posts/mutations";
import { getPostsByAuthor } from "@/lib/domains/posts/queries";
import { recordPageView } from "@/lib/domains/view-counts/page-view";
import { unique, userForFile } from "../../helpers/factories";
import { redisForFile } from "../../helpers/redis";

const redis = redisForFile();
const author = userForFile();

const score = async (key: string, path: string) => Number(await redis.zscore(key, path));

describe("page-view analytics", () => {
  it("counts a page per day (kept at most 90 days), in total, and site-wide", async () => {
    const path = `/test/${unique("page")}`;
    const before = await totalViews();
    for (let i = 0; i < 3; i++) trackPageView(path);
    await expect.poll(() => score(dailyPagesKey(utcDay()), path)).toBe(3);
    expect(await score(TOTAL_PAGES_KEY, path)).toBe(3);
    expect(await totalViews()).toBeGreaterThanOrEqual(before + 3);
    const ttl = await redis.ttl(dailyPagesKey(utcDay()));
    expect(ttl).toBeGreaterThan(89 * 86_400);
    expect(ttl).toBeLessThanOrEqual(90 * 86_400);

    const { total, byDay } = await pageViews(path, 7);
    expect(total).toBe(3);
    expect(byDay).toHaveLength(7);
    expect(byDay.at(-1)).toEqual({ day: utcDay(), views: 3 });
    expect(byDay.slice(0, 6).every((d) => d.views === 0)).toBe(true);
    await redis.zrem(dailyPagesKey(utcDay()), path);
    await redis.zrem(TOTAL_PAGES_KEY, path);
  });

  it("lists the top pages of a day, most viewed first", async () => {
    const [hot, warm] = [`/test/${unique("hot")}`, `/test/${unique("warm")}`];
    trackPageView(hot);
    trackPageView(warm);
    // Scores above anything else counted today (other tests and runs share the key).
    const lead = Date.now();
    await redis.zincrby(dailyPagesKey(utcDay()), lead, hot);
    await redis.zincrby(dailyPagesKey(utcDay()), lead - 2, warm);
    try {
      await expect.poll(() => score(dailyPagesKey(utcDay()), warm)).toBe(lead - 1);
      expect(await topPages(utcDay(), 2)).toEqual([
        { path: hot, views: lead + 1 },
        { path: warm, views: lead - 1 },
      ]);
      expect(await topPages("1999-01-01", 5)).toEqual([]);
    } finally {
      await redis.zrem(dailyPagesKey(utcDay()), hot, warm);
      await redis.zrem(TOTAL_PAGES_KEY, hot, warm);
    }
  });

  it("counts an article's page views as browsers report them (POST /api/views) and shows authors their articles per day", async () => {
    const post = await createPost(author.id, {
      title: "Read and counted",
      content: "Page views per day, for the author.",
    });
    for (let i = 0; i < 4; i++) await recordPageView(`/posts/${post.slug}`, `anon:reader-${i}`);
    await expect.poll(() => score(dailyPagesKey(utcDay()), articlePath(post.slug))).toBe(4);
    const { views } = await viewsByDay([articlePath(post.slug)], 14);
    expect(views.get(articlePath(post.slug))!.at(-1)).toBe(4);
    const report = await getArticleViews(await getPostsByAuthor(author.id, true), 14);
    expect(report!.days).toHaveLength(14);
    expect(report!.posts).toEqual([
      {
        id: post.id,
        slug: post.slug,
        title: "Read and counted",
        byDay: [...Array(13).fill(0), 4],
        total: 4,
      },
    ]);
  });
});
