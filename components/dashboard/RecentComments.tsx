import Link from "next/link";
import type { Dashboard } from "@/lib/blog/dashboard";
import { formatDate } from "@/lib/platform/format";

// What others said lately under the author's articles.
export function RecentComments({ comments }: { comments: Dashboard["recentComments"] }) {
  return (
    <section>
      <h2>Recent comments on your articles</h2>
      {comments.length === 0 ? (
        <p className="empty">No comments yet.</p>
      ) : (
        <ul className="post-list">
          {comments.map((comment) => (
            <li key={comment.id} className="card">
              <div className="meta">
                <strong>{comment.authorName}</strong> on{" "}
                <Link href={`/posts/${comment.postSlug}`}>{comment.postTitle}</Link>
                <time dateTime={comment.createdAt.toISOString()}>
                  {formatDate(comment.createdAt)}
                </time>
              </div>
              <p>{comment.content}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
