// The tags of the blog's 'use cache' entries (app/_cached/): the components tag what they render
// with these, and lib/blog/invalidation/ expires them when a change makes that output wrong.
export const cacheTags = {
  feed: "feed",
  popular: "popular",
  post: (id: number) => `post:${id}`,
  leaderboard: "leaderboard",
  patterns: "patterns",
} as const;
