import "server-only";
import { lastDays } from "@/lib/domains/analytics/days";
import { dailyPagesKey, TOTAL_PAGES_KEY, TOTAL_VIEWS_KEY } from "@/lib/domains/analytics/keys";
import { redis } from "@/lib/platform/redis";

export type PageCount = { path: string; views: number };
export type DayCount = { day: string; views: number };

/** The `count` most viewed pages of a UTC day (yyyy-mm-dd), most viewed first. */
export async function topPages(day: string, count: number): Promise<PageCount[]> {
  const flat = await redis().zrevrange(dailyPagesKey(day), 0, count - 1, "WITHSCORES");
  const pages: PageCount[] = [];
  for (let i = 0; i < flat.length; i += 2)
    pages.push({ path: flat[i], views: Number(flat[i + 1]) });
  return pages;
}

/** A page's views on each of the last `days` days (oldest first) and since counting began. */
export async function pageViews(
  path: string,
  days: number,
): Promise<{ total: number; byDay: DayCount[] }> {
  const client = redis();
  const dates = lastDays(days);
  const [total, ...counts] = await Promise.all([
    client.zscore(TOTAL_PAGES_KEY, path),
    ...dates.map((day) => client.zscore(dailyPagesKey(day), path)),
  ]);
  return {
    total: Number(total ?? 0),
    byDay: dates.map((day, i) => ({ day, views: Number(counts[i] ?? 0) })),
  };
}

/** Every page view counted, site-wide. */
export async function totalViews(): Promise<number> {
  return Number((await redis().get(TOTAL_VIEWS_KEY)) ?? 0);
}

/**
 * Views of several pages on each of the last `days` days: one ZMSCORE per day, all in one round
 * trip. Returns the days (oldest first) and, per path, one count per day.
 */
export async function viewsByDay(
  paths: string[],
  days: number,
): Promise<{ days: string[]; views: Map<string, number[]> }> {
  const dates = lastDays(days);
  if (paths.length === 0) return { days: dates, views: new Map() };
  const client = redis();
  const perDay = await Promise.all(
    dates.map((day) => client.zmscore(dailyPagesKey(day), ...paths)),
  );
  return {
    days: dates,
    views: new Map(paths.map((path, p) => [path, perDay.map((scores) => Number(scores[p] ?? 0))])),
  };
}
