// Which pages the page cache may serve, under which key, and which tags purge them. Keys are
// built from the path and the validated query parameters only: `/?page=2&junk=1` and
// `/?page=02` are one entry, and a parameter that the page would refuse is not cached at all.
// Tags come from the path alone, so the server decides them before it asks Redis anything;
// lib/blog/invalidation/ purges the same tags (lib/blog-cache/tags.ts names them).
// `members`: the page renders nothing of a signed-in reader on the server (the header, the home
// sidebar and what an article offers its author or commenters come from the reader's parts in
// the browser, lib/blog/member-parts.ts), so every member shares one variant of it. Profiles
// (follow state), the leaderboard (your rank) and /static-content (whose trace shows a member
// the tutorial's static cache at work) are rendered for each member.

import { postPageTag, tags, userPageTag } from "@/lib/blog-cache/tags";
import { MAX_CACHED_FEED_PAGE } from "@/lib/domains/posts/schemas";
import type { PageRoute } from "@/lib/page-cache/request";

const SLUG = /^[a-z0-9][a-z0-9-]{0,80}$/;
const USERNAME = /^[a-z0-9_]{3,30}$/i;

export function pageRoute(pathname: string, query: URLSearchParams): PageRoute | null {
  if (pathname === "/") return feedRoute(query.get("page"));
  if (pathname === "/leaderboard") return { key: pathname, tags: [tags.leaderboard.page] };
  if (pathname === "/patterns")
    return { key: pathname, tags: [tags.staticPages.page], members: true };
  if (pathname === "/static-content") return { key: pathname, tags: [tags.staticPages.page] };
  const article = /^\/posts\/([^/]+)$/.exec(pathname);
  // /posts/new is the editor, not an article.
  if (article)
    return SLUG.test(article[1]) && article[1] !== "new"
      ? { key: pathname, tags: [postPageTag(article[1])], members: true }
      : null;
  const profile = /^\/u\/([^/]+)$/.exec(pathname);
  if (profile && USERNAME.test(profile[1])) {
    // /u/Alice and /u/alice show one profile: one entry.
    const username = profile[1].toLowerCase();
    return { key: `/u/${username}`, tags: [userPageTag(username)] };
  }
  return null;
}

function feedRoute(page: string | null): PageRoute | null {
  const number = page === null ? 1 : /^\d{1,6}$/.test(page) ? Number(page) : NaN;
  if (!(number >= 1 && number <= MAX_CACHED_FEED_PAGE)) return null;
  return { key: number === 1 ? "/" : `/?page=${number}`, tags: [tags.feed.page], members: true };
}
