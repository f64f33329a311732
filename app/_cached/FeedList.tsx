import { cacheLife, cacheTag } from "next/cache";
import { NewPostsBanner } from "@/components/NewPostsBanner";
import { Pagination } from "@/components/Pagination";
import { PostCard } from "@/components/PostCard";
import { tags } from "@/lib/blog-cache/tags";
import { type FeedPage, getFeedPage } from "@/lib/domains/posts/queries";
import { MAX_CACHED_FEED_PAGE } from "@/lib/domains/posts/schemas";

// Next's cache keeps one entry per argument, so only the pages the feed cache keeps are stored
// there: a stranger walking ?page=51..100000 is served from Postgres and stores nothing.
export async function FeedList({ page }: { page: number }) {
  if (page <= MAX_CACHED_FEED_PAGE) return <CachedFeedList page={page} />;
  return <FeedView feed={await getFeedPage(page)} />;
}

// One page of the feed, rendered once for every reader and kept in Next's cache on Redis
// ('use cache'). Expired by the "feed" tag when a post is published, edited or removed; the view
// counts on the cards may be a minute older than the feed cache's, then are refreshed in the
// background.
async function CachedFeedList({ page }: { page: number }) {
  "use cache";
  cacheTag(tags.feed.next);
  cacheLife({ stale: 60, revalidate: 60, expire: 300 });
  return <FeedView feed={await getFeedPage(page)} />;
}

function FeedView({ feed }: { feed: FeedPage }) {
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
