// The browser side: one EventSource per tab, shared by every component that listens (the
// toasts, the "new posts" banner), opened with the first listener and closed after the last.
import { useEffect, useEffectEvent, useSyncExternalStore } from "react";
import { type Delivered, EVENT_TYPES } from "@/lib/realtime/events";

export type ConnectionState = "connecting" | "open";
type Handler = (event: Delivered) => void;

const EVENTS_URL = "/api/events";
const handlers = new Set<Handler>();
const stateWatchers = new Set<() => void>();
let source: EventSource | null = null;
let state: ConnectionState = "connecting";
let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let listeningAs: number | null | undefined;
// Bumped by disconnect(), so a retry planned before it does not reconnect after it.
let generation = 0;
let planning = false;

function setState(next: ConnectionState) {
  if (state === next) return;
  state = next;
  for (const watcher of stateWatchers) watcher();
}

function deliver(message: MessageEvent<string>) {
  let event: Delivered;
  try {
    event = JSON.parse(message.data) as Delivered;
  } catch {
    return;
  }
  for (const handler of [...handlers]) handler(event);
}

function connect() {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  const es = new EventSource(EVENTS_URL);
  source = es;
  setState("connecting");
  es.onopen = () => {
    failures = 0;
    setState("open");
  };
  es.onerror = () => {
    setState("connecting");
    // After a dropped stream (server restart, network change) the browser reconnects by itself,
    // after the server's `retry:` delay. It gives up only when an answer was not a stream (a 429
    // or a 503): then start over, waiting longer each time.
    if (es.readyState !== EventSource.CLOSED) return;
    es.close();
    source = null;
    failures += 1;
    void planRetry();
  };
  for (const type of EVENT_TYPES) es.addEventListener(type, deliver);
}

// EventSource shows scripts neither the status nor the headers of a refused stream, so ask the
// server with HEAD (which opens nothing): a 429 or 503 carries Retry-After, the same hint as the
// refusal's `retry:` field, and it is honoured, never undercut; jitter only adds to it, so
// refused tabs do not all come back at once. Without a hint: exponential backoff.
async function serverRetryAfterMs(): Promise<number> {
  try {
    const response = await fetch(EVENTS_URL, { method: "HEAD", cache: "no-store" });
    const seconds = Number(response.headers.get("retry-after") ?? "");
    return !response.ok && Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
  } catch {
    return 0;
  }
}

async function planRetry() {
  const planned = generation;
  planning = true;
  const hint = await serverRetryAfterMs();
  planning = false;
  if (planned !== generation || source) return;
  const delay =
    hint > 0
      ? hint * (1 + Math.random() / 2)
      : Math.min(30_000, 1_000 * 2 ** failures) * (0.5 + Math.random() / 2);
  retryTimer = setTimeout(connect, delay);
}

function disconnect() {
  generation += 1;
  clearTimeout(retryTimer);
  retryTimer = undefined;
  source?.close();
  source = null;
  setState("connecting");
}

function subscribeToLiveEvents(handler: Handler): () => void {
  handlers.add(handler);
  clearTimeout(idleTimer);
  if (!source && !retryTimer && !planning) connect();
  return () => {
    handlers.delete(handler);
    // A moment's grace: a component remounting (navigation, Strict Mode) keeps the connection.
    if (handlers.size === 0)
      idleTimer = setTimeout(() => handlers.size === 0 && disconnect(), 1_000);
  };
}

// The server picks channels from the session at connect time, so after signing in or out
// the stream must be opened again to hear the right user's notifications.
export function listenAs(userId: number | null) {
  const changed = listeningAs !== undefined && listeningAs !== userId;
  listeningAs = userId;
  if (changed && handlers.size > 0) {
    disconnect();
    connect();
  }
}

export function useLiveEvents(handler: Handler) {
  const onEvent = useEffectEvent(handler);
  useEffect(() => subscribeToLiveEvents((event) => onEvent(event)), []);
}

function watchState(watcher: () => void) {
  stateWatchers.add(watcher);
  return () => void stateWatchers.delete(watcher);
}

export function useLiveConnectionState(): ConnectionState {
  return useSyncExternalStore(
    watchState,
    () => state,
    () => "connecting",
  );
}
