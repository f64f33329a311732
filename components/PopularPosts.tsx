import Link from "next/link";
import type { PopularPost } from "@/lib/domains/posts/queries";
import { formatViews } from "@/lib/platform/format";

export function PopularPosts({ posts }: { posts: PopularPost[] }) {
  return (
    <section className="card popular" data-testid="popular">
      <h2>Popular</h2>
      <ol>
        {posts.map((post) => (
          <li key={post.id}>
            <Link href={`/posts/${post.slug}`}>{post.title}</Link>{" "}
            <span className="meta">{formatViews(post.viewCount)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
