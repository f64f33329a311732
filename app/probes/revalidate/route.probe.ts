import { revalidateTag } from "next/cache";

// revalidateTag from a route handler, for the end-to-end suite's build only: ?tag=, and ?profile=
// (a cacheLife profile: stale now, expired later) or none (the single-argument call: expired now).
export async function POST(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const tag = url.searchParams.get("tag") ?? "";
  const profile = url.searchParams.get("profile");
  if (profile) revalidateTag(tag, profile);
  else (revalidateTag as (tag: string) => void)(tag);
  return Response.json({ tag, profile });
}
