// Followers: Postgres `follows` is the truth; Redis sets followers:<id> / following:<id> mirror it.

export { type FollowCounts, followCounts, isFollowing } from "@/lib/domains/follows/mirror";
export { follow, unfollow } from "@/lib/domains/follows/mutations";
