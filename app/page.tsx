import { notFound } from "next/navigation";
import { FeedList } from "@/app/_cached/FeedList";
import { PopularBox } from "@/app/_cached/PopularBox";
import { MemberSidebar } from "@/components/member/MemberSidebar";
import { TracePanel } from "@/components/TracePanel";
import { ViewBeacon } from "@/components/ViewBeacon";
import { loadHome } from "@/lib/blog/pages/home";
import { currentUser } from "@/lib/domains/auth/session";
import { pageSchema } from "@/lib/domains/posts/schemas";
import { traced } from "@/lib/platform/request-trace";

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  const parsed = pageSchema.safeParse((await searchParams).page);
  if (!parsed.success) notFound();
  const viewer = await currentUser();
  const { value: home, trace } = await traced(() => loadHome(viewer));
  return (
    <div className="container wide layout-with-sidebar">
      <div>
        <h1 className="page-title">Latest articles</h1>
        <FeedList page={parsed.data} />
        <TracePanel trace={trace} useCache="The feed list and the Popular box" />
        <ViewBeacon path="/" />
      </div>
      <aside>
        {home.sidebarHtml ? (
          // biome-ignore lint/security/noDangerouslySetInnerHtml: the sidebar fragment is HTML our own renderer escaped and cached (lib/blog/sidebar.ts)
          <div dangerouslySetInnerHTML={{ __html: home.sidebarHtml }} />
        ) : (
          // The shared member page: the reader's own sidebar, from their parts.
          <MemberSidebar />
        )}
        <PopularBox />
      </aside>
    </div>
  );
}
