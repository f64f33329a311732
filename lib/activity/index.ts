// Activity streams: each user's latest 100 entries (LPUSH + LTRIM) and counts per type (HINCRBY).
export { streamsNamingPost } from "@/lib/activity/queries";
export { recentActivity } from "@/lib/activity/read";
export {
  dropActivityStreams,
  forgetActivity,
  recordActivity,
} from "@/lib/activity/record";
export {
  type Activity,
  type ActivityCounts,
  activityRefs,
  commented,
  describeActivity,
  followed,
  posted,
} from "@/lib/activity/types";
