import { apiWriter } from "@/lib/domains/auth/api-writer";
import { follow, unfollow } from "@/lib/domains/follows";
import { idSchema } from "@/lib/domains/posts/schemas";
import { json, route } from "@/lib/http/api";
import { notFound } from "@/lib/platform/errors";

type Context = { params: Promise<{ id: string }> };

async function followeeId(context: Context): Promise<number> {
  const id = idSchema.safeParse((await context.params).id);
  if (!id.success) throw notFound("That user");
  return id.data;
}

// POST follows user :id, DELETE unfollows; both idempotent, both answer
// `{ following, followers }` (the followee's follower count). Session or X-API-Key.
export const POST = route(async (request: Request, context: Context) => {
  const follower = await apiWriter(request);
  return json(await follow(follower, await followeeId(context)));
});

export const DELETE = route(async (request: Request, context: Context) => {
  const follower = await apiWriter(request);
  return json(await unfollow(follower, await followeeId(context)));
});
