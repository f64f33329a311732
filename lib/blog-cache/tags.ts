// Every tag the blog uses, named once. A tag stands for a thing that a change can make wrong (the
// feed, a post, an author's page), and says what each cache layer calls it: Next's 'use cache'
// entries (cacheTag in app/_cached/), whole pages of the page cache (lib/page-cache/), and the
// cache library's families of entries (a tag listing every feed page, a group version over every
// variant of an API response or search). A change names its things once (lib/blog/invalidation/),
// and each layer expires its own names from that one list. Each name is built by one function
// from the thing it names, below; the pieces are exported for the one place that has only part of
// the thing (the page cache's routes know a post by its slug; a 'use cache' body by its id).

/** What one thing is called in each layer that caches it; a layer that does not show it is absent. */
export interface Tag {
  /** Next's 'use cache' entries, expired with expireNextCacheTags. */
  next?: string;
  /** Whole pages of the page cache, purged with purgePages. */
  page?: string;
  /** Entries written under a tag of a cache (getOrSet's `tags`), forgotten with Cache.forgetTag. */
  listed?: { cache: "feed"; name: string };
  /** Groups of entries in a cache (Cache.groupVersion), forgotten in one SET of a new version. */
  groups?: { cache: "api" | "search"; name: string }[];
}

/** Next's tag of a post's rendered body. */
export const postEntryTag = (id: number) => `post:${id}`;
/** The page cache's tag of an article's page. */
export const postPageTag = (slug: string) => `post:${slug}`;
/** The page cache's tag of a profile page; /u/Alice and /u/alice are one page. */
export const userPageTag = (username: string) => `user:${username.toLowerCase()}`;
/** The group of GET /api/users/:id's responses, named by the id as sent. */
export const userApiGroup = (id: number | string) => `user:${id}`;

/** The group of every cached search result, and of GET /api/posts's responses. */
export const SEARCH_RESULTS_GROUP = "results";
export const LATEST_POSTS_GROUP = "latest-posts";
/** The tag of the feed cache that lists every cached feed page. */
export const FEED_PAGES_TAG = "pages";
/** The page cache's tag of /leaderboard, which shows the authors' table and trending posts. */
const LEADERBOARD_PAGE = "leaderboard";

export const tags = {
  /** The list of published posts: the home feed, GET /api/feed and /api/posts, search results. */
  feed: {
    next: "feed",
    page: "feed",
    listed: { cache: "feed", name: FEED_PAGES_TAG },
    groups: [
      { cache: "api", name: LATEST_POSTS_GROUP },
      { cache: "search", name: SEARCH_RESULTS_GROUP },
    ],
  },
  /** The Popular box. */
  popular: { next: "popular" },
  /** The authors' table of /leaderboard. */
  leaderboard: { next: "leaderboard", page: LEADERBOARD_PAGE },
  /** Posts' titles on /leaderboard (trending today). */
  trending: { page: LEADERBOARD_PAGE },
  /** The /patterns page's list. */
  patterns: { next: "patterns" },
  /** The other pages that the page cache stores (/patterns, /static-content). */
  staticPages: { page: "static" },
  /** One post: its rendered body and its article page. */
  post: (post: { id: number; slug: string }) => ({
    next: postEntryTag(post.id),
    page: postPageTag(post.slug),
  }),
  /** An article's comments, shown on its page. */
  comments: (post: { slug: string }) => ({ page: postPageTag(post.slug) }),
  /** A user's profile page: followers, recent activity. */
  profile: (user: { username: string }) => ({ page: userPageTag(user.username) }),
  /** An author: their profile page and GET /api/users/:id (their posts and figures). */
  author: (author: { id: number; username: string }) => ({
    page: userPageTag(author.username),
    groups: [{ cache: "api", name: userApiGroup(author.id) }],
  }),
} satisfies Record<string, Tag | ((...args: never[]) => Tag)>;

/** The names that one layer gives to the things, once each. */
export function namesIn(layer: "next" | "page", things: readonly Tag[]): string[] {
  return [...new Set(things.flatMap((thing) => thing[layer] ?? []))];
}
