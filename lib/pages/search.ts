import "server-only";
import { trackPageView } from "@/lib/analytics";
import { searchPosts } from "@/lib/search";

export async function loadSearch(query: string) {
  trackPageView("/search");
  return searchPosts(query);
}
