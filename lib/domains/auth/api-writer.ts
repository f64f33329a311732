import "server-only";
import { authenticateApiKey } from "@/lib/domains/auth/api-key";
import { requireUser } from "@/lib/domains/auth/session";
import type { PublicUser } from "@/lib/domains/users/queries";
import { API_KEY_HEADER, SESSION_COOKIE } from "@/lib/http/credentials";
import { assertSameOrigin } from "@/lib/http/same-origin";

// The caller of a writing API request: the owner of the X-API-Key sent, or else the signed-in
// user from a page of this site. A key is not a cookie a browser sends by itself, so it needs no
// origin check; a key that is sent must be good (401 otherwise), never quietly ignored. A request
// with the session cookie must show it comes from this site (lib/http/same-origin.ts); one without
// is simply not signed in (401).
export async function apiWriter(request: Request): Promise<PublicUser> {
  const key = request.headers.get(API_KEY_HEADER);
  if (key !== null) return (await authenticateApiKey(key)).user;
  if (request.headers.get("cookie")?.includes(`${SESSION_COOKIE}=`))
    assertSameOrigin(request.headers);
  return requireUser();
}
