// Activity streams: each user's latest 100 entries (LPUSH + LTRIM) and counts per type (HINCRBY).
export { streamsNamingPost } from "@/lib/domains/activity/queries";
export { recentActivity } from "@/lib/domains/activity/read";
export {
  dropActivityStreams,
  forgetActivity,
  recordActivity,
} from "@/lib/domains/activity/record";
export {
  type Activity,
  activityRefs,
  commented,
  describeActivity,
  followed,
  posted,
} from "@/lib/domains/activity/types";
