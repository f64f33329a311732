// Activity streams: each user's latest 100 entries (LPUSH + LTRIM) and counts per type (HINCRBY),
// a mirror in Redis that Postgres can rebuild. A domain: uses lib/platform/ and lib/redis/. The
// posts, comments and follows mutations record and take back entries; the profile page and the
// sidebar read them; lib/blog/invalidation/ drops the streams a post change makes wrong.
//   types.ts    the Activity entry and its ref, builders (posted...), describeActivity
//   keys.ts     a user's list, counts hash and generation (hash tag {id}); 100 entries; 30-day TTL
//   record.ts   recordActivity, forgetActivity, dropActivityStreams: after Postgres commits
//   read.ts     recentActivity: LRANGE + HGETALL in one round trip; missing: rebuilt
//   rebuild.ts  rebuildActivity: Postgres read, written back unless dropped meanwhile
//   scripts.ts  the Lua scripts: push or remove only while built, drop, write a rebuild whole
//   queries.ts  a stream as Postgres has it; streamsNamingPost (the author and the commenters)
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
