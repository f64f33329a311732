import { notFound } from "next/navigation";
import { PostCard } from "@/components/PostCard";
import { Pagination } from "@/components/Pagination";
import { getFeedPage } from "@/lib/posts/queries";
import { pageSchema } from "@/lib/posts/schemas";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const parsed = pageSchema.safeParse((await searchParams).page);
  if (!parsed.success) notFound();
  const feed = await getFeedPage(parsed.data);
  return (
    <div className="container">
      <h1 className="page-title">Latest articles</h1>
      <p className="lede">{feed.total.toLocaleString("en-US")} articles on caching, databases and the web.</p>
      {feed.posts.length === 0 ? (
        <p className="empty">No articles on this page.</p>
      ) : (
        <ul className="post-list" data-testid="feed">
          {feed.posts.map((post) => (
            <PostCard key={post.id} post={post} />
          ))}
        </ul>
      )}
      <Pagination page={feed.currentPage} pages={feed.pages} href={(p) => (p === 1 ? "/" : `/?page=${p}`)} />
    </div>
  );
}
