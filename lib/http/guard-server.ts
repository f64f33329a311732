// What reaches our server (server.ts) that Next cannot take, answered before Next sees it, with
// one throttled log line a minute per kind: a stranger can send these as often as they like.
// - A request line Next fails on (./request-line.ts): 400 or 405.
// - CONNECT: Node destroys the socket without a word when nobody listens; it gets a 405.
// - Upgrade requests (WebSocket): the blog has none, and Next's own listener, which it adds to
//   our server on its first request, leaves the socket of an unknown path open forever. Refused
//   upgrades are served as ordinary requests (shouldUpgradeCallback, Node 24.9 and newer).
// - A request whose headers or body never finish: 408 after REQUEST_TIMEOUT_MS rather than
//   Node's five minutes.
import type { IncomingMessage, Server, ServerOptions, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { ThrottledLog } from "@/lib/redis";
import { acceptRequestLine } from "./request-line";

const refusals = new ThrottledLog(undefined, { intervalMs: 60_000, prefix: "[server] " });

export function serverOptions(requestTimeoutMs: number): ServerOptions {
  return {
    shouldUpgradeCallback: () => false,
    requestTimeout: requestTimeoutMs,
    headersTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.min(5_000, Math.ceil(requestTimeoutMs / 2)),
  };
}

/** Answers CONNECT on `server`: 405, then the socket is closed. */
export function refuseConnect(server: Server): void {
  server.on("connect", (req: IncomingMessage, socket: Duplex) => {
    refusals.warn("connect", "a CONNECT request answered 405", { target: req.url?.slice(0, 100) });
    socket.end(
      "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    );
  });
}

/**
 * False when the request was answered here (with `answerHeaders`, name and value pairs, among its
 * headers); otherwise its target is now a path.
 */
export function admitRequest(
  req: IncomingMessage,
  res: ServerResponse,
  answerHeaders: readonly string[] = [],
): boolean {
  const accepted = acceptRequestLine(req.method, req.url);
  if ("target" in accepted) {
    req.url = accepted.target;
    return true;
  }
  refusals.warn(`status-${accepted.status}`, `a request answered ${accepted.status}`, {
    method: req.method?.slice(0, 20),
    target: req.url?.slice(0, 100),
    why: accepted.message,
  });
  res.writeHead(accepted.status, [
    ...answerHeaders,
    ...Object.entries(accepted.headers).flat(),
    "content-type",
    "text/plain; charset=utf-8",
    "connection",
    "close",
  ]);
  res.end(`${accepted.message}\n`);
  return false;
}
