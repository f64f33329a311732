import "server-only";
import { randomUUID } from "node:crypto";
import { redis } from "@/lib/platform/redis";
import { channels } from "@/lib/realtime/channels";
import type { Delivered, PostRef, RealtimeEvent, UserRef } from "@/lib/realtime/events";
import { ThrottledLog } from "@/lib/redis";
import { errorMessage } from "@/lib/util/error-message";

const log = new ThrottledLog();

// Notifications are a courtesy on top of a write that has already succeeded: publishing never
// throws and never fails the caller's request. With Redis down it answers false within the
// command timeout and logs once per interval. Resolves to whether Redis took the message.
async function publish(channel: string, event: RealtimeEvent): Promise<boolean> {
  const message: Delivered = { ...event, id: randomUUID(), at: new Date().toISOString() };
  try {
    await redis().publish(channel, JSON.stringify(message));
    return true;
  } catch (error) {
    log.warn("publish", "realtime: PUBLISH failed; notification dropped", {
      channel,
      type: event.type,
      error: errorMessage(error),
    });
    return false;
  }
}

// The helpers copy the fields an event carries, so callers may pass whole records (a post with
// its content, a user with an email) without any of the rest reaching browsers.
const userRef = ({ id, username, name }: UserRef): UserRef => ({ id, username, name });
const postRef = ({ id, slug, title }: PostRef): PostRef => ({ id, slug, title });

export function publishPostCreated(post: PostRef & { author: UserRef }): Promise<boolean> {
  return publish(channels.posts, {
    type: "post.created",
    post: { ...postRef(post), author: userRef(post.author) },
  });
}

export async function publishFollowed(followeeId: number, follower: UserRef): Promise<boolean> {
  if (followeeId === follower.id) return false;
  return publish(channels.user(followeeId), { type: "user.followed", by: userRef(follower) });
}

// Authors are not told about their own comments.
export async function publishCommented(
  postAuthorId: number,
  post: PostRef,
  commenter: UserRef,
): Promise<boolean> {
  if (postAuthorId === commenter.id) return false;
  return publish(channels.user(postAuthorId), {
    type: "comment.created",
    post: postRef(post),
    by: userRef(commenter),
  });
}

// A clear() may drop thousands of keys: the event names the first ones and counts them all.
const MAX_KEYS_PER_EVENT = 100;

export function publishCacheInvalidated(change: {
  namespace: string;
  keys: string[];
  reason: string;
}): Promise<boolean> {
  const { namespace, keys, reason } = change;
  return publish(channels.cache, {
    type: "cache.invalidated",
    namespace,
    keys: keys.slice(0, MAX_KEYS_PER_EVENT),
    keyCount: keys.length,
    reason,
  });
}
