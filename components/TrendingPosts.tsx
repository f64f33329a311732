import Link from "next/link";
import type { TrendingPost } from "@/lib/domains/leaderboard";
import { formatNumber } from "@/lib/platform/format";

export function TrendingPosts({ posts }: { posts: TrendingPost[] }) {
  return (
    <section className="card popular" data-testid="trending">
      <h2>Trending today</h2>
      {posts.length === 0 ? (
        <p className="meta">No views yet today.</p>
      ) : (
        <ol>
          {posts.map((post) => (
            <li key={post.id}>
              <Link href={`/posts/${post.slug}`}>{post.title}</Link>{" "}
              <span className="meta">
                {post.authorName} · {formatNumber(post.viewsToday)}{" "}
                {post.viewsToday === 1 ? "view" : "views"} today
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
