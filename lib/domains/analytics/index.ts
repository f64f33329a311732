// Page-view analytics: counted per page per day (kept 90 days) and in total.

export { utcDay } from "@/lib/domains/analytics/days";
export { articlePath, profilePath } from "@/lib/domains/analytics/keys";
export {
  type PageCount,
  pageViews,
  topPages,
  totalViews,
  viewsByDay,
} from "@/lib/domains/analytics/queries";
export { trackPageView } from "@/lib/domains/analytics/track";
