import "server-only";
import { redirect } from "next/navigation";
import { AppError, forbidden, unauthorized } from "@/lib/errors";
import { requireAdmin } from "@/lib/session";
import type { PublicUser } from "@/lib/users/queries";

/** For lib functions that act on behalf of a user: only an admin may. */
export function assertAdmin(user: PublicUser | null | undefined): asserts user is PublicUser {
  if (!user) throw unauthorized();
  if (user.role !== "ADMIN") throw forbidden("This is for administrators.");
}

/**
 * For admin pages: the admin, or null for a signed-in non-admin (the page shows a refusal);
 * a visitor who is not signed in goes to the sign-in page and comes back here after.
 */
export async function adminForPage(path: string): Promise<PublicUser | null> {
  try {
    return await requireAdmin();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    if (error.code === "unauthorized") redirect(`/signin?next=${encodeURIComponent(path)}`);
    if (error.code === "forbidden") return null;
    throw error;
  }
}

/** The page's own address with its query, to come back to after signing in. */
export function pathWithQuery(path: string, search: Record<string, string | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(search)) if (typeof value === "string") query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
