import { noteFailedRender } from "@/lib/platform/database-outage";

// Runs once when the server starts. Node-only work lives in its own module so the Edge
// bundle never sees it.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}

// Next calls this for every request whose render, route or action threw. Synchronous on purpose:
// the response's status is decided right after (lib/http/response-status.ts).
export function onRequestError(error: unknown): void {
  noteFailedRender(error);
}
