"use client";
import { useEffect, useRef, useState } from "react";
import { formatViews } from "@/lib/platform/format";

// Tells the server, once the page is shown, that it was viewed (POST /api/views): counting
// happens on purpose, not during a render that a prefetch or a cached page would skip or repeat.
// `keepalive` lets the request finish when the reader leaves at once. With `views`, shows the
// count, replaced by the live count the request answers with.
export function ViewBeacon({ path, views }: { path: string; views?: number }) {
  const [live, setLive] = useState(views);
  const sent = useRef<string | null>(null);
  useEffect(() => {
    if (sent.current === path) return;
    sent.current = path;
    const request = fetch("/api/views", {
      method: "POST",
      keepalive: true,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ path }),
    });
    request
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { views?: unknown } | null) => {
        if (typeof body?.views === "number") setLive(body.views);
      })
      .catch(() => {}); // a lost count must never disturb the page
  }, [path]);
  if (live === undefined) return null;
  return <span data-testid="view-count">{formatViews(live)}</span>;
}
