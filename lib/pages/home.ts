import "server-only";
import { getSidebarHtml } from "@/lib/fragments/sidebar";
import { getFeedPage, getPopularPosts } from "@/lib/posts/queries";
import type { PublicUser } from "@/lib/users/queries";

// Everything the home page shows, fetched at once: warm, that is one Redis round trip.
export async function loadHome(page: number, viewer: PublicUser | null) {
  const [feed, popular, sidebarHtml] = await Promise.all([
    getFeedPage(page),
    getPopularPosts(),
    viewer ? getSidebarHtml(viewer) : null,
  ]);
  return { feed, popular, sidebarHtml };
}
