import "server-only";
import { articlePath, profilePath, trackPageView } from "@/lib/domains/analytics";
import { getPostBySlug } from "@/lib/domains/posts/queries";
import { isSlug } from "@/lib/domains/posts/slug";
import { getProfile } from "@/lib/domains/users/queries";
import { isUsername } from "@/lib/domains/users/schemas";
import { countViewOnce } from "@/lib/domains/view-counts/counter";
import { AppError, notFound } from "@/lib/platform/errors";

// What one page shown in a browser counts: the tutorial's track_page_view for every page, and
// for an article its view (once per reader per window, write-behind). The browser asks for this
// after the page is shown (components/ViewBeacon.tsx), so prefetches, HEAD requests, pages served
// from a cache and bots that run no script count nothing.

const PAGES = new Set(["/", "/leaderboard", "/search"]);

export type PageViewResult = { views?: number; counted?: boolean };

export async function recordPageView(path: unknown, reader: string): Promise<PageViewResult> {
  if (typeof path !== "string" || path.length > 120) throw badPath();
  if (PAGES.has(path)) {
    trackPageView(path);
    return {};
  }
  const article = /^\/posts\/([^/]+)$/.exec(path);
  if (article && isSlug(article[1])) {
    const post = await getPostBySlug(article[1]);
    if (!post?.published) throw notFound("That article");
    trackPageView(articlePath(post.slug));
    return countViewOnce(post, reader);
  }
  const profile = /^\/u\/([^/]+)$/.exec(path);
  if (profile && isUsername(profile[1])) {
    const found = await getProfile(profile[1].toLowerCase());
    if (!found) throw notFound("That profile");
    trackPageView(profilePath(found.username));
    return {};
  }
  throw badPath();
}

const badPath = () =>
  new AppError(
    "validation_failed",
    "path must be the address of a page of this site, such as /posts/<slug>.",
    {
      path: "Not a page whose views are counted.",
    },
  );
