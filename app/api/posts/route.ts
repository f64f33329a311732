import { apiWriter } from "@/lib/api-auth";
import { json, readJson, route } from "@/lib/http";
import { createPost } from "@/lib/posts/mutations";
import { postJson } from "@/lib/posts/serialize";

export const POST = route(async (request: Request) => {
  const user = await apiWriter(request);
  const post = await createPost(user.id, await readJson(request));
  return json(postJson(post), { status: 201, headers: { Location: `/api/posts/${post.id}` } });
});
