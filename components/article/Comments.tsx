import Link from "next/link";
import type { ComponentProps } from "react";
import { CommentForm } from "@/components/CommentForm";
import { ForMember } from "@/components/member/ForMember";
import type { CommentView } from "@/lib/domains/comments/queries";
import type { PostDetail } from "@/lib/domains/posts/queries";
import { formatDate } from "@/lib/platform/format";

type Props = {
  post: PostDetail;
  comments: CommentView[];
  /** A comment's delete action, offered to its author and the post's. */
  deleteAction: (comment: CommentView) => () => Promise<void>;
  /** The action that adds a comment, offered to signed-in readers. */
  addComment: ComponentProps<typeof CommentForm>["action"];
};

export function Comments({ post, comments, deleteAction, addComment }: Props) {
  return (
    <section className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">
        {comments.length} {comments.length === 1 ? "comment" : "comments"}
      </h2>
      {comments.map((comment) => (
        <div className="comment" key={comment.id} data-testid="comment">
          <div className="meta">
            <Link href={`/u/${comment.author.username}`}>{comment.author.name}</Link>
            <time dateTime={comment.createdAt.toISOString()}>{formatDate(comment.createdAt)}</time>
            <ForMember ids={[comment.author.id, post.authorId]}>
              <form action={deleteAction(comment)}>
                <button type="submit" className="btn link">
                  Delete
                </button>
              </form>
            </ForMember>
          </div>
          <p>{comment.content}</p>
        </div>
      ))}
      {post.published && (
        <ForMember
          anonymous={
            <p className="meta">
              <Link href={`/signin?next=/posts/${post.slug}`}>Sign in</Link> to join the
              conversation.
            </p>
          }
        >
          <CommentForm action={addComment} />
        </ForMember>
      )}
    </section>
  );
}
