import type { ServerResponse } from "node:http";
import { databaseWasUnreachable } from "@/lib/platform/database-outage";
import { DATABASE_RETRY_AFTER_SECONDS } from "@/lib/platform/db-errors";

// A page cannot set its own HTTP status, and a status that proxy.ts gives a rewritten response
// does not reach the browser when Next runs inside our server (server.ts). So proxy.ts names the
// status in this header and the server applies it as the response is written (the search page
// over its limit answers 429, decision 014). The header itself never leaves the server.
// A 500 of a request that met an unreachable Postgres is a 503 (lib/platform/database-outage.ts).
export const STATUS_HEADER = "x-response-status";

export function applyStatusHeader(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, statusCode: number, ...rest: unknown[]) {
    const wanted = Number(this.getHeader(STATUS_HEADER));
    this.removeHeader(STATUS_HEADER);
    let status = Number.isInteger(wanted) && wanted >= 200 && wanted <= 599 ? wanted : statusCode;
    if (status === 500 && databaseWasUnreachable()) {
      status = 503;
      this.setHeader("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
    }
    return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as ServerResponse["writeHead"];
}
