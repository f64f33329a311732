import "server-only";
import { forbidden as forbiddenPage, redirect } from "next/navigation";
import { requireAdmin } from "@/lib/domains/auth/session";
import type { PublicUser } from "@/lib/domains/users/queries";
import { AppError, forbidden, unauthorized } from "@/lib/platform/errors";

/** For lib functions that act on behalf of a user: only an admin may. */
export function assertAdmin(user: PublicUser | null | undefined): asserts user is PublicUser {
  if (!user) throw unauthorized();
  if (user.role !== "ADMIN") throw forbidden("This is for administrators.");
}

/**
 * For admin pages: the admin. A signed-in reader who is not one gets the 403 page
 * (app/admin/forbidden.tsx, status 403); a visitor who is not signed in goes to the sign-in page
 * and comes back here after.
 */
export async function adminForPage(path: string): Promise<PublicUser> {
  try {
    return await requireAdmin();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "unauthorized") redirect(`/signin?next=${encodeURIComponent(path)}`);
    if (error.code === "forbidden") forbiddenPage();
    throw error;
  }
}

/** The page's own address with its query, to come back to after signing in. */
export function pathWithQuery(
  path: string,
  search: Record<string, string | string[] | undefined>,
): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(search))
    if (typeof value === "string") query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
