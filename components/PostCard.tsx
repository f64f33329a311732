import Link from "next/link";
import type { PostSummary } from "@/lib/domains/posts/queries";
import { formatDate, formatViews } from "@/lib/platform/format";

export function PostCard({ post }: { post: PostSummary }) {
  return (
    <li className="card post-card" data-testid="post-card">
      <h2>
        <Link href={`/posts/${post.slug}`}>{post.title}</Link>
      </h2>
      <div className="meta">
        <Link href={`/u/${post.author.username}`}>{post.author.name}</Link>
        <time dateTime={(post.publishedAt ?? post.createdAt).toISOString()}>
          {formatDate(post.publishedAt ?? post.createdAt)}
        </time>
        <span>{formatViews(post.viewCount)}</span>
        {!post.published && <span className="badge draft">Draft</span>}
      </div>
      {post.excerpt && <p>{post.excerpt}</p>}
    </li>
  );
}
