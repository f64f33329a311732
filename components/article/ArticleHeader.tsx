import Link from "next/link";
import type { ComponentProps } from "react";
import { DeletePostButton } from "@/components/DeletePostButton";
import { ForMember } from "@/components/member/ForMember";
import { ViewBeacon } from "@/components/ViewBeacon";
import type { PostDetail } from "@/lib/domains/posts/queries";
import { formatDate, formatNumber } from "@/lib/platform/format";

type Props = {
  post: PostDetail;
  views: number;
  /** The post's delete action, offered to its author only. */
  deletePost: ComponentProps<typeof DeletePostButton>["action"];
};

// Title, author, date and views; for the author, Edit and Delete.
export function ArticleHeader({ post, views, deletePost }: Props) {
  return (
    <header className="article-header">
      <h1>{post.title}</h1>
      <div className="meta">
        <Link href={`/u/${post.author.username}`}>{post.author.name}</Link>
        {post.publishedAt && (
          <time dateTime={post.publishedAt.toISOString()}>{formatDate(post.publishedAt)}</time>
        )}
        {/* Drafts are read by their author only; those reads are not views. */}
        {post.published ? (
          <ViewBeacon path={`/posts/${post.slug}`} views={views} />
        ) : (
          <span data-testid="view-count">
            {formatNumber(views)} {views === 1 ? "view" : "views"}
          </span>
        )}
        {!post.published && <span className="badge draft">Draft</span>}
      </div>
      <ForMember ids={[post.authorId]}>
        <div className="actions" style={{ marginTop: "1rem" }}>
          <Link href={`/posts/${post.slug}/edit`} className="btn secondary" data-testid="edit-post">
            Edit
          </Link>
          <DeletePostButton action={deletePost} />
        </div>
      </ForMember>
    </header>
  );
}
