// The tags that tie cached pages to what they show. A change purges the tags it makes wrong
// (lib/blog/invalidation/); every page also carries `all`, purged when something shown on every
// page changes (an author's name).
export type PageTag = string;

export const pageTags = {
  all: "all",
  feed: "feed",
  leaderboard: "leaderboard",
  static: "static",
  post: (slug: string): PageTag => `post:${slug}`,
  user: (username: string): PageTag => `user:${username.toLowerCase()}`,
  forPath(pathname: string): PageTag[] {
    return [pathname === "/leaderboard" ? pageTags.leaderboard : pageTags.static];
  },
};
