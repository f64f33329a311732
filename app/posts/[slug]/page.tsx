import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ArticleBody } from "@/app/_cached/ArticleBody";
import { addCommentAction, deleteCommentAction, deletePostAction } from "@/app/posts/actions";
import { CommentForm } from "@/components/CommentForm";
import { DeletePostButton } from "@/components/DeletePostButton";
import { TracePanel } from "@/components/TracePanel";
import { ViewBeacon } from "@/components/ViewBeacon";
import { currentUser } from "@/lib/auth/session";
import { formatDate, formatNumber } from "@/lib/format";
import { loadArticle } from "@/lib/pages/article";
import { traced } from "@/lib/request-trace";

type Props = { params: Promise<{ slug: string }> };

// One load per request, shared by the metadata and the page: the post is fetched (and the view
// counted) once, and the trace covers all of it.
const articleRequest = cache(async (slug: string) => {
  const user = await currentUser();
  return { user, ...(await traced(() => loadArticle(slug, user))) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { value } = await articleRequest((await params).slug);
  return { title: value?.post.published ? value.post.title : "Article" };
}

export default async function ArticlePage({ params }: Props) {
  const { user, value: article, trace } = await articleRequest((await params).slug);
  if (!article) notFound();
  const { post, views, comments } = article;
  const isAuthor = user?.id === post.authorId;
  return (
    <article className="container">
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
        {isAuthor && (
          <div className="actions" style={{ marginTop: "1rem" }}>
            <Link
              href={`/posts/${post.slug}/edit`}
              className="btn secondary"
              data-testid="edit-post"
            >
              Edit
            </Link>
            <DeletePostButton action={deletePostAction.bind(null, post.id)} />
          </div>
        )}
      </header>
      <ArticleBody id={post.id} slug={post.slug} />
      <section className="comments" aria-labelledby="comments-title">
        <h2 id="comments-title">
          {comments.length} {comments.length === 1 ? "comment" : "comments"}
        </h2>
        {comments.map((comment) => (
          <div className="comment" key={comment.id} data-testid="comment">
            <div className="meta">
              <Link href={`/u/${comment.author.username}`}>{comment.author.name}</Link>
              <time dateTime={comment.createdAt.toISOString()}>
                {formatDate(comment.createdAt)}
              </time>
              {(user?.id === comment.author.id || isAuthor) && (
                <form action={deleteCommentAction.bind(null, comment.id, post.slug)}>
                  <button type="submit" className="btn link">
                    Delete
                  </button>
                </form>
              )}
            </div>
            <p>{comment.content}</p>
          </div>
        ))}
        {post.published &&
          (user ? (
            <CommentForm action={addCommentAction.bind(null, post.id, post.slug)} />
          ) : (
            <p className="meta">
              <Link href={`/signin?next=/posts/${post.slug}`}>Sign in</Link> to join the
              conversation.
            </p>
          ))}
      </section>
      <TracePanel trace={trace} useCache="The article's body" />
    </article>
  );
}
