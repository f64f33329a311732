"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/domains/auth/session";
import { addComment, deleteComment } from "@/lib/domains/comments/mutations";
import { createPost, deletePost, updatePost } from "@/lib/domains/posts/mutations";
import { type FormState, failedForm, formValues } from "@/lib/platform/form-state";
import { limitUserAction } from "@/lib/rate-limit/actions";

const postFields = ["title", "excerpt", "content"] as const;

function postInput(formData: FormData) {
  return {
    title: String(formData.get("title") ?? ""),
    excerpt: String(formData.get("excerpt") ?? ""),
    content: String(formData.get("content") ?? ""),
    published: formData.get("published") === "on",
  };
}

export async function createPostAction(_: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData, postFields);
  let slug: string;
  try {
    const user = await requireUser();
    await limitUserAction("post", user.id);
    slug = (await createPost(user.id, postInput(formData))).slug;
  } catch (error) {
    return failedForm(error, values);
  }
  redirect(`/posts/${slug}`);
}

export async function updatePostAction(
  postId: number,
  _: FormState,
  formData: FormData,
): Promise<FormState> {
  const values = formValues(formData, postFields);
  let slug: string;
  try {
    const user = await requireUser();
    await limitUserAction("post", user.id);
    slug = (await updatePost(postId, user.id, postInput(formData))).slug;
  } catch (error) {
    return failedForm(error, values);
  }
  redirect(`/posts/${slug}`);
}

export async function deletePostAction(postId: number): Promise<FormState> {
  try {
    const user = await requireUser();
    await deletePost(postId, user.id);
  } catch (error) {
    return failedForm(error, {});
  }
  redirect("/");
}

export async function addCommentAction(
  postId: number,
  slug: string,
  _: FormState,
  formData: FormData,
): Promise<FormState> {
  const values = formValues(formData, ["content"]);
  try {
    const user = await requireUser();
    await limitUserAction("comment", user.id);
    await addComment(postId, user.id, { content: values.content });
  } catch (error) {
    return failedForm(error, values);
  }
  revalidatePath(`/posts/${slug}`);
  return { ok: true, values: { content: "" } };
}

export async function deleteCommentAction(commentId: number, slug: string): Promise<void> {
  const user = await requireUser();
  await deleteComment(commentId, user.id);
  revalidatePath(`/posts/${slug}`);
}
