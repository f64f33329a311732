import Link from "next/link";
import type { ComponentProps } from "react";
import { CommentForm } from "@/components/CommentForm";
import type { CommentView } from "@/lib/domains/comments/queries";
import type { PostDetail } from "@/lib/domains/posts/queries";
import { formatDate } from "@/lib/platform/format";

type Props = {
  post: PostDetail;
  comments: CommentView[];
  /** The delete action of a comment the reader may delete (theirs, or any on their post). */
  deleteAction: (comment: CommentView) => (() => Promise<void>) | null;
  /** For a signed-in reader: the action that adds a comment. */
  addComment: ComponentProps<typeof CommentForm>["action"] | null;
};

export function Comments({ post, comments, deleteAction, addComment }: Props) {
  return (
    <section className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">
        {comments.length} {comments.length === 1 ? "comment" : "comments"}
      </h2>
      {comments.map((comment) => {
        const remove = deleteAction(comment);
        return (
          <div className="comment" key={comment.id} data-testid="comment">
            <div className="meta">
              <Link href={`/u/${comment.author.username}`}>{comment.author.name}</Link>
              <time dateTime={comment.createdAt.toISOString()}>
                {formatDate(comment.createdAt)}
              </time>
              {remove && (
                <form action={remove}>
                  <button type="submit" className="btn link">
                    Delete
                  </button>
                </form>
              )}
            </div>
            <p>{comment.content}</p>
          </div>
        );
      })}
      {post.published &&
        (addComment ? (
          <CommentForm action={addComment} />
        ) : (
          <p className="meta">
            <Link href={`/signin?next=/posts/${post.slug}`}>Sign in</Link> to join the conversation.
          </p>
        ))}
    </section>
  );
}
