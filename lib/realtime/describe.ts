import type { Delivered } from "@/lib/realtime/events";

export type Notice = { label: string; text: string; detail?: string; href: string };

// What a toast says about an event; null for events that are not for readers.
export function describeEvent(event: Delivered): Notice | null {
  switch (event.type) {
    case "post.created":
      return {
        label: "New post",
        text: event.post.title,
        detail: `by ${event.post.author.name}`,
        href: `/posts/${event.post.slug}`,
      };
    case "comment.created":
      return {
        label: "New comment",
        text: `${event.by.name} commented on “${event.post.title}”`,
        href: `/posts/${event.post.slug}#comments-title`,
      };
    case "user.followed":
      return {
        label: "New follower",
        text: `${event.by.name} followed you`,
        detail: `@${event.by.username}`,
        href: `/u/${event.by.username}`,
      };
    case "cache.invalidated":
      return null;
  }
}
