import "server-only";
import { assertSameOrigin } from "@/lib/http";
import { requireUser } from "@/lib/session";
import type { PublicUser } from "@/lib/users/queries";

// The caller of a writing API request: the signed-in user, from a page of this site.
export async function apiWriter(request: Request): Promise<PublicUser> {
  assertSameOrigin(request);
  return requireUser();
}
