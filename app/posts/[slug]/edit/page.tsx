import type { Metadata } from "next";
import { forbidden, notFound, redirect } from "next/navigation";
import { updatePostAction } from "@/app/posts/actions";
import { PostForm } from "@/components/PostForm";
import { currentUser } from "@/lib/domains/auth/session";
import { findPostBySlug } from "@/lib/domains/posts/queries";

export const metadata: Metadata = { title: "Edit article" };

export default async function EditPostPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await currentUser();
  if (!user) redirect(`/signin?next=/posts/${encodeURIComponent(slug)}/edit`);
  const post = await findPostBySlug(slug);
  if (!post || (!post.published && post.authorId !== user.id)) notFound();
  if (post.authorId !== user.id) forbidden();
  return (
    <div className="container">
      <h1 className="page-title">Edit article</h1>
      <p className="lede">Changes are visible as soon as you save.</p>
      <PostForm
        action={updatePostAction.bind(null, post.id)}
        initial={{
          title: post.title,
          excerpt: post.excerpt,
          content: post.content,
          published: post.published,
        }}
        submitLabel="Save changes"
      />
    </div>
  );
}
