import { apiWriter } from "@/lib/domains/auth/api-writer";
import { currentUser } from "@/lib/domains/auth/session";
import { deletePost, updatePost } from "@/lib/domains/posts/mutations";
import { getPost, visibleTo } from "@/lib/domains/posts/queries";
import { idSchema } from "@/lib/domains/posts/schemas";
import { postJson } from "@/lib/domains/posts/serialize";
import { json, readJson, route } from "@/lib/http/api";
import { notFound } from "@/lib/platform/errors";

type Context = { params: Promise<{ id: string }> };

async function postId(context: Context): Promise<number> {
  const parsed = idSchema.safeParse((await context.params).id);
  if (!parsed.success) throw notFound("That post");
  return parsed.data;
}

export const GET = route(async (_request: Request, context: Context) => {
  const id = await postId(context);
  const viewer = await currentUser();
  const post = visibleTo(await getPost(id), viewer?.id);
  if (!post) throw notFound("That post");
  return json(postJson(post));
});

export const PATCH = route(async (request: Request, context: Context) => {
  const id = await postId(context);
  const user = await apiWriter(request);
  return json(postJson(await updatePost(id, user.id, await readJson(request))));
});

export const DELETE = route(async (request: Request, context: Context) => {
  const id = await postId(context);
  const user = await apiWriter(request);
  await deletePost(id, user.id);
  return new Response(null, { status: 204 });
});
