import "server-only";
import { searchPosts } from "@/lib/domains/search";

export async function loadSearch(query: string) {
  return searchPosts(query);
}
