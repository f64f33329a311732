import { env } from "@/lib/platform/env";

// Pub/sub channel names. Channels are server-wide in Redis (not per DB index), so every process
// of this app on one Redis hears the same events, which is the point; the prefix keeps apart
// deployments (or test runs) that share a Redis server.
const prefix = () => env().REALTIME_CHANNEL_PREFIX;

export const channels = {
  get posts() {
    return `${prefix()}:posts`;
  },
  get cache() {
    return `${prefix()}:cache`;
  },
  user: (userId: number) => `${prefix()}:user:${userId}`,
};

// Everyone hears about new posts; a signed-in user also hears what concerns them alone.
export function channelsFor(userId: number | null | undefined): string[] {
  return userId == null ? [channels.posts] : [channels.posts, channels.user(userId)];
}
