// Page-view analytics: counted per page per day (kept 90 days) and in total.

export { utcDay } from "@/lib/analytics/days";
export { articlePath, profilePath } from "@/lib/analytics/keys";
export {
  type DayCount,
  type PageCount,
  pageViews,
  topPages,
  totalViews,
  viewsByDay,
} from "@/lib/analytics/queries";
export { trackPageView } from "@/lib/analytics/track";
