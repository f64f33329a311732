// The member variant of a cached page: one page shared by every signed-in reader, rendered by the
// page cache without any reader's cookie and marked with this header, in which the app leaves
// each reader's own parts to the browser (lib/blog/member-parts.ts). Only the page cache's own
// renders carry the header: it is removed from every request a client sends.
export const PAGE_VARIANT_HEADER = "x-page-variant";
export const MEMBER_VARIANT = "member";
