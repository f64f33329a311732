// Followers: Postgres `follows` is the truth; Redis sets followers:<id> / following:<id> mirror it.
export { follow, unfollow, type FollowState } from "@/lib/follows/mutations";
export { followCounts, isFollowing, type FollowCounts } from "@/lib/follows/mirror";
