import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { FollowButton } from "@/components/FollowButton";
import { PostCard } from "@/components/PostCard";
import { ProfileActivity } from "@/components/profile/ProfileActivity";
import { ProfileStats } from "@/components/profile/ProfileStats";
import { TracePanel } from "@/components/TracePanel";
import { ViewBeacon } from "@/components/ViewBeacon";
import { loadProfile } from "@/lib/blog/pages/profile";
import { currentUser } from "@/lib/domains/auth/session";
import { formatDate, initials } from "@/lib/platform/format";
import { traced } from "@/lib/platform/request-trace";
import { followAction, unfollowAction } from "./follow-actions";

type Props = { params: Promise<{ username: string }> };

// One load per request, shared by the metadata and the page.
const profileRequest = cache(async (username: string) => {
  const viewer = await currentUser();
  return { viewer, ...(await traced(() => loadProfile(username, viewer))) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { value } = await profileRequest((await params).username);
  return { title: value ? `${value.profile.name} (@${value.profile.username})` : "Author" };
}

export default async function ProfilePage({ params }: Props) {
  const { viewer, value: data, trace } = await profileRequest((await params).username);
  if (!data) notFound();
  const { profile, posts, stats, isSelf, follows, viewerFollows, activity } = data;
  return (
    <div className="container">
      <div className="profile-head">
        <div className="avatar" aria-hidden>
          {initials(profile.name)}
        </div>
        <div>
          <h1 className="page-title" data-testid="profile-name">
            {profile.name}
          </h1>
          <div className="meta">
            <span>@{profile.username}</span>
            <span>Joined {formatDate(profile.createdAt)}</span>
          </div>
        </div>
        {!isSelf &&
          (viewer ? (
            <FollowButton
              following={viewerFollows}
              action={(viewerFollows ? unfollowAction : followAction).bind(
                null,
                profile.id,
                profile.username,
              )}
            />
          ) : (
            <Link href={`/signin?next=/u/${profile.username}`} className="btn secondary">
              Sign in to follow
            </Link>
          ))}
      </div>
      {profile.bio && <p data-testid="profile-bio">{profile.bio}</p>}
      <ProfileStats stats={stats} follows={follows} />
      <h2>{isSelf ? "Your articles" : "Articles"}</h2>
      {posts.length === 0 ? (
        <p className="empty">No articles yet.</p>
      ) : (
        <ul className="post-list">
          {posts.map((post) => (
            <PostCard key={post.id} post={post} />
          ))}
        </ul>
      )}
      <ProfileActivity activity={activity} />
      <TracePanel trace={trace} />
      <ViewBeacon path={`/u/${profile.username.toLowerCase()}`} />
    </div>
  );
}
