import { cacheLife, cacheTag } from "next/cache";
import { PopularPosts } from "@/components/PopularPosts";
import { tags } from "@/lib/blog-cache/tags";
import { getPopularPosts } from "@/lib/domains/posts/queries";

// The Popular box, the same for every reader: rendered once into Next's cache on Redis. Its
// lifetime follows the refresh-ahead entry it is made from (fresh 60 s, then refreshed in the
// background); an edit or a removal expires it at once through the "popular" tag.
export async function PopularBox() {
  "use cache";
  cacheTag(tags.popular.next);
  cacheLife({ stale: 60, revalidate: 60, expire: 600 });
  return <PopularPosts posts={await getPopularPosts()} />;
}
