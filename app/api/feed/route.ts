import { json, route } from "@/lib/http";
import { getFeedPage } from "@/lib/posts/queries";
import { pageSchema } from "@/lib/posts/schemas";
import { parseOrThrow } from "@/lib/validation";
import { z } from "zod";

const query = z.object({ page: pageSchema });

export const GET = route(async (request: Request) => {
  const { page } = parseOrThrow(query, { page: new URL(request.url).searchParams.get("page") ?? undefined });
  return json(await getFeedPage(page));
});
