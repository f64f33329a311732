import "server-only";
import { getSidebarHtml } from "@/lib/blog/sidebar";
import type { PublicUser } from "@/lib/domains/users/queries";

// What the home page shows that depends on the reader: the signed-in reader's sidebar (one Redis
// round trip warm). The feed list and the Popular box are the same for everyone: 'use cache'
// components (app/_cached/) load and render them.
export async function loadHome(viewer: PublicUser | null) {
  const sidebarHtml = viewer ? await getSidebarHtml(viewer) : null;
  return { sidebarHtml };
}
