// The span of one request that server.ts serves, when tracing is on (lib/platform/telemetry.ts):
// the root of its trace, or the child of the caller's by its traceparent; the page cache's
// answer, the render, Next's spans, cache lookups and Redis commands all sit under it. Ended
// when the response is done, with its status.
import type { IncomingMessage, ServerResponse } from "node:http";
import { inServerSpan, spanAttributes, tracingOn } from "@/lib/util/tracing";

export function traceRequest(req: IncomingMessage, res: ServerResponse, serve: () => void): void {
  if (!tracingOn()) {
    serve();
    return;
  }
  const method = req.method ?? "GET";
  const attributes = { "http.request.method": method, "url.path": pathOf(req.url) };
  void inServerSpan(method, attributes, req.headers, async () => {
    const done = new Promise((resolve) => res.once("close", resolve));
    serve();
    await done;
    spanAttributes({ "http.response.status_code": res.statusCode });
  });
}

// The path without its query string: a query may carry what a trace should not keep.
function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?", 1)[0];
  return path.length > 256 ? `${path.slice(0, 256)}…` : path;
}
