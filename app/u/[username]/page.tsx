import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PostCard } from "@/components/PostCard";
import { formatDate, initials } from "@/lib/format";
import { getPostsByAuthor } from "@/lib/posts/queries";
import { currentUser } from "@/lib/session";
import { findProfileByUsername } from "@/lib/users/queries";

type Props = { params: Promise<{ username: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const profile = await findProfileByUsername((await params).username);
  return { title: profile ? `${profile.name} (@${profile.username})` : "Author" };
}

export default async function ProfilePage({ params }: Props) {
  const profile = await findProfileByUsername((await params).username);
  if (!profile) notFound();
  const viewer = await currentUser();
  const isSelf = viewer?.id === profile.id;
  const posts = await getPostsByAuthor(profile.id, isSelf);
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
      </div>
      {profile.bio && <p data-testid="profile-bio">{profile.bio}</p>}
      <div className="stats" style={{ marginBottom: "1.5rem" }}>
        <span>
          <strong>{posts.length}</strong> articles
        </span>
        <span>
          <strong>{profile._count.followers}</strong> followers
        </span>
        <span>
          <strong>{profile._count.following}</strong> following
        </span>
      </div>
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
    </div>
  );
}
