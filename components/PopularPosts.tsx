import Link from "next/link";
import { formatNumber } from "@/lib/format";
import type { PopularPost } from "@/lib/posts/queries";

export function PopularPosts({ posts }: { posts: PopularPost[] }) {
  return (
    <section className="card popular" data-testid="popular">
      <h2>Popular</h2>
      <ol>
        {posts.map((post) => (
          <li key={post.id}>
            <Link href={`/posts/${post.slug}`}>{post.title}</Link>{" "}
            <span className="meta">{formatNumber(post.viewCount)} views</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
