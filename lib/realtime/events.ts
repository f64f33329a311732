// The live events the app publishes and the browser receives. No server imports here: the
// browser client and the toasts use these types too.
import { parseObject } from "@/lib/util/parse-object";
export type UserRef = { id: number; username: string; name: string };
export type PostRef = { id: number; slug: string; title: string };

type PostCreated = { type: "post.created"; post: PostRef & { author: UserRef } };
type UserFollowed = { type: "user.followed"; by: UserRef };
type CommentCreated = { type: "comment.created"; post: PostRef; by: UserRef };
type CacheInvalidated = {
  type: "cache.invalidated";
  namespace: string;
  keys: string[];
  keyCount: number;
  reason: string;
};

export type RealtimeEvent = PostCreated | UserFollowed | CommentCreated | CacheInvalidated;
export type RealtimeEventType = RealtimeEvent["type"];

// What travels over Redis and SSE: the event plus an id (the SSE `id:` field) and a timestamp.
export type Delivered<E extends RealtimeEvent = RealtimeEvent> = E & { id: string; at: string };

export const EVENT_TYPES = [
  "post.created",
  "user.followed",
  "comment.created",
  "cache.invalidated",
] as const satisfies readonly RealtimeEventType[];

// Messages come from Redis, where anything may PUBLISH: check the envelope before trusting it.
export function decodeDelivered(message: string): Delivered | null {
  const value = parseObject(message);
  if (!value) return null;
  const { type, id, at } = value;
  const known = (EVENT_TYPES as readonly unknown[]).includes(type);
  return known && typeof id === "string" && typeof at === "string" ? (value as Delivered) : null;
}
