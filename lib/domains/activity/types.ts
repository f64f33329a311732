// What a person did, as kept in their activity stream. `ref` names the thing the entry is about,
// so an entry can be taken back (an unfollow, a deleted post or comment).
export type PostRef = { id: number; slug: string; title: string };
export type PersonRef = { id: number; username: string; name: string };

export type Activity =
  | { ref: string; type: "posted"; at: string; post: PostRef }
  | { ref: string; type: "commented"; at: string; post: PostRef }
  | { ref: string; type: "followed"; at: string; user: PersonRef };

export type ActivityType = Activity["type"];
export const ACTIVITY_TYPES: ActivityType[] = ["posted", "commented", "followed"];
export type Stream = { entries: Activity[]; counts: ActivityCounts };

export type ActivityCounts = Record<ActivityType, number>;

const iso = (at: Date) => at.toISOString();
const post = ({ id, slug, title }: PostRef): PostRef => ({ id, slug, title });
const person = ({ id, username, name }: PersonRef): PersonRef => ({ id, username, name });

// `ref` comes first in every entry: removal looks for its exact JSON text.
export const activityRefs = {
  posted: (postId: number) => `posted:${postId}`,
  commented: (commentId: number) => `commented:${commentId}`,
  followed: (userId: number) => `followed:${userId}`,
};

export const posted = (p: PostRef, at: Date): Activity => ({
  ref: activityRefs.posted(p.id),
  type: "posted",
  at: iso(at),
  post: post(p),
});
export const commented = (commentId: number, p: PostRef, at: Date): Activity => ({
  ref: activityRefs.commented(commentId),
  type: "commented",
  at: iso(at),
  post: post(p),
});
export const followed = (user: PersonRef, at: Date): Activity => ({
  ref: activityRefs.followed(user.id),
  type: "followed",
  at: iso(at),
  user: person(user),
});

/** One line for a person to read, and the link it leads to. */
export function describeActivity(activity: Activity): {
  verb: string;
  label: string;
  href: string;
} {
  switch (activity.type) {
    case "posted":
      return {
        verb: "Published",
        label: activity.post.title,
        href: `/posts/${activity.post.slug}`,
      };
    case "commented":
      return {
        verb: "Commented on",
        label: activity.post.title,
        href: `/posts/${activity.post.slug}`,
      };
    case "followed":
      return {
        verb: "Followed",
        label: activity.user.name,
        href: `/u/${encodeURIComponent(activity.user.username)}`,
      };
  }
}
