import "server-only";
import { recentActivity } from "@/lib/domains/activity";
import { followCounts, isFollowing } from "@/lib/domains/follows";
import { getPostsByAuthor } from "@/lib/domains/posts/queries";
import { getProfile, getUserStatistics, type PublicUser } from "@/lib/domains/users/queries";
import { isUsername } from "@/lib/domains/users/schemas";

// The profile page's data: the cached profile, then in one batch its posts and statistics
// (cached), follower counts and the reader's follow (Redis sets) and recent activity (a list).
export async function loadProfile(username: string, viewer: PublicUser | null) {
  if (!isUsername(username)) return null;
  const profile = await getProfile(username.toLowerCase());
  if (!profile) return null;
  const isSelf = viewer?.id === profile.id;
  const [posts, stats, follows, viewerFollows, activity] = await Promise.all([
    getPostsByAuthor(profile.id, isSelf),
    getUserStatistics(profile.id),
    followCounts(profile.id),
    viewer && !isSelf ? isFollowing(viewer.id, profile.id) : false,
    recentActivity(profile.id, 10),
  ]);
  return { profile, posts, stats, isSelf, follows, viewerFollows, activity };
}
