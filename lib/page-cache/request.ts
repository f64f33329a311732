// Whether a request may be answered from, and stored in, the shared page cache. Only what is
// the same for every reader qualifies: a GET or HEAD of a cacheable page by someone who sends no
// API key, asking for the HTML document; a signed-in reader shares the page's member variant
// where the route has one (./variant.ts), else is rendered for. Next's RSC requests (client-side
// navigation and prefetch) ask for another body under the same URL; they are passed through to
// Next, never stored: see docs/decisions/010-page-cache-in-front-of-next.md.
import type { IncomingHttpHeaders } from "node:http";
import { hasCookie } from "@/lib/http/cookies";
import { API_KEY_HEADER, SESSION_COOKIE } from "@/lib/http/credentials";

type BypassReason = "method" | "signed-in" | "api-key" | "authorization" | "rsc" | "not-cacheable";

// Headers with which Next's router asks for an RSC payload rather than HTML, or calls an action.
const RSC_HEADERS = [
  "rsc",
  "next-router-prefetch",
  "next-router-state-tree",
  "next-router-segment-prefetch",
  "next-action",
];

export type Decision =
  | { route: PageRoute; bypass?: BypassReason; member?: true }
  | { route: null; bypass: "not-cacheable" };

/** Which pages may be served from the cache, under which key and tags: the app's to say. */
export interface PageRoute {
  /** The entry's key: the normalized path and query. */
  key: string;
  /** What a purge names to delete it (lib/blog-cache/tags.ts). */
  tags: string[];
  /**
   * The page shows nothing of a signed-in reader that the browser does not fill in itself: they
   * share one member variant of it. Otherwise a signed-in reader's page is rendered for them.
   */
  members?: boolean;
}

/** A path and its query to their route, or null for a page that is never cached. */
export type RouteTable = (pathname: string, query: URLSearchParams) => PageRoute | null;

/** The parts of a request's URL a decision reads. */
export type Target = Pick<URL, "pathname" | "searchParams">;

// Paths that the URL parser leaves as they are: segments of letters, digits, `-`, `_` and `~`
// (no dot segment, no `//`, no `%` or `\` to normalize), and no fragment (which a URL drops).
// Most pages' paths are such, and need no URL parsed for them.
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_~-]+)*\/?$/;

/** The request target's path and query, as `new URL` would read them, parsed only if need be. */
export function targetOf(requestTarget: string): Target {
  const query = requestTarget.indexOf("?");
  const pathname = query === -1 ? requestTarget : requestTarget.slice(0, query);
  if (!pathname.startsWith("/") || !PLAIN_PATH.test(pathname) || requestTarget.includes("#"))
    return new URL(requestTarget, "http://page-cache");
  const search = query === -1 ? "" : requestTarget.slice(query + 1);
  return { pathname, searchParams: new URLSearchParams(search) };
}

export function decide(
  routes: RouteTable,
  method: string | undefined,
  url: Target,
  headers: IncomingHttpHeaders,
): Decision {
  const route = routes(url.pathname, url.searchParams);
  if (!route) return { route: null, bypass: "not-cacheable" };
  const bypass = bypassReason(method, url, headers);
  if (bypass) return { route, bypass };
  if (!hasCookie(headers.cookie, SESSION_COOKIE)) return { route };
  return route.members ? { route, member: true } : { route, bypass: "signed-in" };
}

function bypassReason(
  method: string | undefined,
  url: Target,
  headers: IncomingHttpHeaders,
): BypassReason | undefined {
  if (method !== "GET" && method !== "HEAD") return "method";
  if (headers[API_KEY_HEADER] !== undefined) return "api-key";
  if (headers.authorization !== undefined) return "authorization";
  if (url.searchParams.has("_rsc") || RSC_HEADERS.some((name) => headers[name] !== undefined))
    return "rsc";
  return undefined;
}
