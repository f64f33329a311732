"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useLiveEvents } from "@/lib/browser/live-events";

// "N new posts — show" above the feed: counts posts published since the page was rendered and,
// when clicked, re-renders the feed from the server. The server drops a reader's own posts
// from their stream, so writing never announces itself.
export function NewPostsBanner() {
  const router = useRouter();
  const [fresh, setFresh] = useState<number[]>([]);
  const [refreshing, startRefresh] = useTransition();
  useLiveEvents((event) => {
    if (event.type !== "post.created") return;
    const { id } = event.post;
    setFresh((ids) => (ids.includes(id) ? ids : [...ids, id]));
  });
  if (fresh.length === 0) return null;
  const show = () => {
    startRefresh(() => {
      router.refresh();
      setFresh([]);
    });
    window.scrollTo({ top: 0, behavior: "smooth" });
  };
  return (
    <button
      type="button"
      className="new-posts"
      data-testid="new-posts"
      onClick={show}
      disabled={refreshing}
    >
      {fresh.length} new {fresh.length === 1 ? "post" : "posts"} — show
    </button>
  );
}
