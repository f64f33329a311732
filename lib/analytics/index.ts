// Page-view analytics: counted per page per day (kept 90 days) and in total.
export { trackPageView } from "@/lib/analytics/track";
export { pageViews, topPages, totalViews, viewsByDay, type DayCount, type PageCount } from "@/lib/analytics/queries";
export { articlePath, profilePath } from "@/lib/analytics/keys";
export { utcDay } from "@/lib/analytics/days";
