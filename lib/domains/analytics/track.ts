import "server-only";
import { utcDay } from "@/lib/domains/analytics/days";
import {
  DAILY_TTL_SECONDS,
  dailyPagesKey,
  TOTAL_PAGES_KEPT,
  TOTAL_PAGES_KEY,
  TOTAL_VIEWS_KEY,
} from "@/lib/domains/analytics/keys";
import { redis } from "@/lib/platform/redis";
import { ThrottledLog } from "@/lib/redis";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";

const log = new ThrottledLog(logger, { intervalMs: 60_000 });

/**
 * Counts one view of a page: today's count, its all-time count and the site's total. Fire and
 * forget: the commands are sent at once, in the auto-pipelined batch of whatever the page sends
 * in the same tick, so counting adds no round trip; the page never waits for them, and a Redis
 * outage loses the counts (logged once a minute) without failing the page.
 */
export function trackPageView(path: string): void {
  const client = redis();
  const today = dailyPagesKey(utcDay());
  Promise.all([
    client.zincrby(today, 1, path),
    client.expire(today, DAILY_TTL_SECONDS),
    client.zincrby(TOTAL_PAGES_KEY, 1, path),
    client.zremrangebyrank(TOTAL_PAGES_KEY, 0, -(TOTAL_PAGES_KEPT + 1)),
    client.incr(TOTAL_VIEWS_KEY),
  ]).catch((error) =>
    log.warn("down", "page views not counted while Redis is unavailable", {
      path,
      error: errorMessage(error),
    }),
  );
}
