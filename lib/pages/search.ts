import "server-only";
import { searchPosts } from "@/lib/search";

export async function loadSearch(query: string) {
  return searchPosts(query);
}
