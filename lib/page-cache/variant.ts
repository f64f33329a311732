import type { Decision, PageRoute } from "./request";

// The member variant of a cached page: one page shared by every signed-in reader, rendered by the
// page cache without any reader's cookie and marked with this header, in which the app leaves
// each reader's own parts to the browser (lib/blog/member-parts.ts). Only the page cache's own
// renders carry the header: it is removed from every request a client sends.
export const PAGE_VARIANT_HEADER = "x-page-variant";
export const MEMBER_VARIANT = "member";

/** A stored page: its route, the path rendered for it, and for members the variant's own key. */
export type Page = PageRoute & { path: string; member?: true };

export function pageOf({ route, member }: Decision & { route: PageRoute }): Page {
  return member
    ? { key: `${MEMBER_VARIANT}:${route.key}`, tags: route.tags, path: route.key, member }
    : { ...route, path: route.key };
}
