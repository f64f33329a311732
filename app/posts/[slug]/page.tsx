import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ArticleBody } from "@/app/_cached/ArticleBody";
import { addCommentAction, deleteCommentAction, deletePostAction } from "@/app/posts/actions";
import { ArticleHeader } from "@/components/article/ArticleHeader";
import { Comments } from "@/components/article/Comments";
import { TracePanel } from "@/components/TracePanel";
import { loadArticle } from "@/lib/blog/pages/article";
import { currentUser } from "@/lib/domains/auth/session";
import { traced } from "@/lib/platform/request-trace";

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
  const { value: article, trace } = await articleRequest((await params).slug);
  if (!article) notFound();
  const { post, views, comments } = article;
  // Nothing below depends on the reader (the page's member variant is shared): what they may do
  // is shown by components/member/ForMember.tsx, and checked by each action.
  return (
    <article className="container">
      <ArticleHeader post={post} views={views} deletePost={deletePostAction.bind(null, post.id)} />
      <ArticleBody id={post.id} slug={post.slug} />
      <Comments
        post={post}
        comments={comments}
        deleteAction={(comment) => deleteCommentAction.bind(null, comment.id, post.slug)}
        addComment={addCommentAction.bind(null, post.id, post.slug)}
      />
      <TracePanel trace={trace} useCache="The article's body" />
    </article>
  );
}
