import Link from "next/link";
import { PostCard } from "@/components/PostCard";
import type { Dashboard } from "@/lib/blog/dashboard";

// The author's articles, drafts included.
export function YourArticles({ posts }: { posts: Dashboard["posts"] }) {
  return (
    <section>
      <h2>Your articles</h2>
      {posts.length === 0 ? (
        <p className="empty">
          Nothing yet. <Link href="/posts/new">Write your first article</Link>.
        </p>
      ) : (
        <ul className="post-list" data-testid="dashboard-posts">
          {posts.map((post) => (
            <PostCard key={post.id} post={post} />
          ))}
        </ul>
      )}
    </section>
  );
}
