import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { createPostAction } from "@/app/posts/actions";
import { PostForm } from "@/components/PostForm";
import { currentUser } from "@/lib/domains/auth/session";

export const metadata: Metadata = { title: "Write an article" };

export default async function NewPostPage() {
  if (!(await currentUser())) redirect("/signin?next=/posts/new");
  return (
    <div className="container">
      <h1 className="page-title">Write an article</h1>
      <p className="lede">It appears on the feed as soon as you publish it.</p>
      <PostForm action={createPostAction} submitLabel="Publish" />
    </div>
  );
}
