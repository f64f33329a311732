import { AsyncLocalStorage } from "node:async_hooks";

// The id of the request being served, for every log line written while it is (./logger.ts).
// Set by our server (server.ts) around all it does for one request, Next's work included:
// AsyncLocalStorage follows the request through every await. It also follows it into every
// timer and socket made meanwhile, which outlive the request: what is made once for the process
// (remember(), a cache's flush timer, a watch connection) is made outsideRequests, or its log
// lines would carry the id of whichever request came first.
// One store per process, whichever bundle asks (as ./remember.ts keeps values, which uses this).
const registry = globalThis as unknown as Record<symbol, unknown>;
const KEY = Symbol.for("blog:requestContext");

function context(): AsyncLocalStorage<{ requestId: string }> {
  registry[KEY] ??= new AsyncLocalStorage<{ requestId: string }>();
  return registry[KEY] as AsyncLocalStorage<{ requestId: string }>;
}

export function withRequestId<T>(requestId: string, work: () => T): T {
  return context().run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return context().getStore()?.requestId;
}

/** Runs `make` as if no request were being served: for what outlives the request. */
export function outsideRequests<T>(make: () => T): T {
  return context().exit(make);
}
