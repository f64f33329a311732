import { cacheLife, cacheTag } from "next/cache";
import { NewPostsBanner } from "@/components/NewPostsBanner";
import { Pagination } from "@/components/Pagination";
import { PostCard } from "@/components/PostCard";
import { cacheTags } from "@/lib/cache-tags";
import { getFeedPage } from "@/lib/posts/queries";

// One page of the feed, rendered once for every reader and kept in Next's cache on Redis
// ('use cache'). Expired by the "feed" tag when a post is published, edited or removed; the view
// counts on the cards may be a minute older than the feed cache's, then are refreshed in the
// background.
export async function FeedList({ page }: { page: number }) {
  "use cache";
  cacheTag(cacheTags.feed);
  cacheLife({ stale: 60, revalidate: 60, expire: 300 });
  const feed = await getFeedPage(page);
  return (
    <>
      <p className="lede">
        {feed.total.toLocaleString("en-US")} articles on caching, databases and the web.
      </p>
      {feed.currentPage === 1 && <NewPostsBanner />}
      {feed.posts.length === 0 ? (
        <p className="empty">No articles on this page.</p>
      ) : (
        <ul className="post-list" data-testid="feed">
          {feed.posts.map((post) => (
            <PostCard key={post.id} post={post} />
          ))}
        </ul>
      )}
      <Pagination
        page={feed.currentPage}
        pages={feed.pages}
        href={(p) => (p === 1 ? "/" : `/?page=${p}`)}
      />
    </>
  );
}
