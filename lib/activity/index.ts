// Activity streams: each user's latest 100 entries (LPUSH + LTRIM) and counts per type (HINCRBY).
export { recentActivity } from "@/lib/activity/queries";
export {
  dropActivityStreams,
  forgetActivity,
  recordActivity,
  streamsNamingPost,
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
