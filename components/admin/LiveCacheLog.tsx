"use client";
import { useEffect, useState } from "react";
import type { Delivered } from "@/lib/realtime/events";

type Line = { id: string; at: string; kind: string; text: string; keys: string };

const MAX_LINES = 50;
const EVENTS_URL = "/api/admin/events";

function describe(event: Delivered): Line | null {
  const base = { id: event.id, at: event.at.slice(11, 19) };
  switch (event.type) {
    case "cache.invalidated": {
      const more =
        event.keyCount > event.keys.length
          ? ` … and ${event.keyCount - event.keys.length} more`
          : "";
      return {
        ...base,
        kind: "invalidated",
        text: `${event.namespace}: ${event.reason}`,
        keys: event.keys.join("  ") + more,
      };
    }
    case "post.created":
      return {
        ...base,
        kind: "new post",
        text: `“${event.post.title}” by ${event.post.author.name}`,
        keys: `post ${event.post.id}`,
      };
    default:
      return null;
  }
}

// Invalidations and new posts as they happen, from the admin-only Server-Sent Events stream.
// Everything arrives as text and is rendered as text. The browser reconnects a dropped stream
// by itself; a refused one (signed out, 403, 429) stays closed and says so.
export function LiveCacheLog() {
  const [lines, setLines] = useState<Line[]>([]);
  const [state, setState] = useState<"connecting" | "open" | "closed">("connecting");
  useEffect(() => {
    const source = new EventSource(EVENTS_URL);
    const onEvent = (message: MessageEvent<string>) => {
      let event: Delivered;
      try {
        event = JSON.parse(message.data) as Delivered;
      } catch {
        return;
      }
      const line = describe(event);
      if (line)
        setLines((shown) => [line, ...shown.filter((l) => l.id !== line.id)].slice(0, MAX_LINES));
    };
    source.onopen = () => setState("open");
    source.onerror = () =>
      setState(source.readyState === EventSource.CLOSED ? "closed" : "connecting");
    source.addEventListener("cache.invalidated", onEvent);
    source.addEventListener("post.created", onEvent);
    return () => source.close();
  }, []);
  return (
    <div className="live-log" data-testid="live-log" data-connection={state}>
      <p className="meta">
        <span className={`live-dot ${state}`} aria-hidden="true" />
        {state === "open"
          ? "Listening"
          : state === "connecting"
            ? "Connecting…"
            : "Disconnected: reload the page"}
        {" · "}the last {MAX_LINES} events, newest first
      </p>
      {lines.length === 0 ? (
        <p className="empty">
          Nothing yet. Edit a post, clear a namespace or delete a key and it shows here.
        </p>
      ) : (
        <ol className="live-lines" aria-live="polite">
          {lines.map((line) => (
            <li key={line.id} data-testid="live-line" data-kind={line.kind}>
              <time>{line.at}</time> <span className="badge">{line.kind}</span>{" "}
              <span className="live-text">{line.text}</span>
              <code className="live-keys">{line.keys}</code>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
