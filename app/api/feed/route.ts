import { z } from "zod";
import { getFeedPageWithResult } from "@/lib/domains/posts/queries";
import { pageSchema } from "@/lib/domains/posts/schemas";
import { json, route } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/platform/validation";

const query = z.object({ page: pageSchema });

export const GET = route(async (request: Request) => {
  const { page } = parseOrThrow(query, {
    page: new URL(request.url).searchParams.get("page") ?? undefined,
  });
  const { value, result } = await getFeedPageWithResult(page);
  // A cache that could not be asked served nothing: a miss, to the client.
  return json(value, { headers: { "X-Cache": result === "ERROR" ? "MISS" : result } });
});
