import { notFound } from "next/navigation";
import { NewPostsBanner } from "@/components/NewPostsBanner";
import { Pagination } from "@/components/Pagination";
import { PopularPosts } from "@/components/PopularPosts";
import { PostCard } from "@/components/PostCard";
import { TracePanel } from "@/components/TracePanel";
import { ViewBeacon } from "@/components/ViewBeacon";
import { loadHome } from "@/lib/pages/home";
import { pageSchema } from "@/lib/posts/schemas";
import { traced } from "@/lib/request-trace";
import { currentUser } from "@/lib/session";

export default async function HomePage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const parsed = pageSchema.safeParse((await searchParams).page);
  if (!parsed.success) notFound();
  const viewer = await currentUser();
  const { value: home, trace } = await traced(() => loadHome(parsed.data, viewer));
  const { feed } = home;
  return (
    <div className="container wide layout-with-sidebar">
      <div>
        <h1 className="page-title">Latest articles</h1>
        <p className="lede">{feed.total.toLocaleString("en-US")} articles on caching, databases and the web.</p>
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
        <Pagination page={feed.currentPage} pages={feed.pages} href={(p) => (p === 1 ? "/" : `/?page=${p}`)} />
        <TracePanel trace={trace} />
        <ViewBeacon path="/" />
      </div>
      <aside>
        {home.sidebarHtml && <div dangerouslySetInnerHTML={{ __html: home.sidebarHtml }} />}
        <PopularPosts posts={home.popular} />
      </aside>
    </div>
  );
}
