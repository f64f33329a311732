import { AsyncLocalStorage } from "node:async_hooks";
import { remember } from "./remember";

// The id of the request being served, for every log line written while it is (./logger.ts).
// Set by our server (server.ts) around all it does for one request, Next's work included:
// AsyncLocalStorage follows the request through every await.
const context = () =>
  remember("requestContext", () => new AsyncLocalStorage<{ requestId: string }>());

export function withRequestId<T>(requestId: string, work: () => T): T {
  return context().run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return context().getStore()?.requestId;
}
