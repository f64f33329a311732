import { isIP } from "node:net";

// Which address a request came from, for limits on anonymous callers.
//
// Next.js has no API for the TCP peer: it writes the peer into X-Forwarded-For itself, but only
// when the request arrived without one. So the address is always read from that header, and
// TRUST_PROXY says how many reverse proxies in front of the app append to it (each adds the
// address it received the request from):
//   0 (default): no proxy; the right-most entry is the one Next.js wrote.
//   n >= 1:      the n-th entry from the right, the right-most hop no trusted proxy vouches for.
// Entries further left were written by the client and are never believed. With TRUST_PROXY=0 and
// no proxy, a client that sends its own X-Forwarded-For stops Next.js from writing the peer; run
// the app behind a proxy that sets the header, and say how many, for limits a client cannot dodge.
export function clientAddress(headers: Headers, trustedProxies: number): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const address = normalize(hops[hops.length - Math.max(1, trustedProxies)] ?? "");
  return isIP(address) ? address : "unknown";
}

// "::ffff:203.0.113.7" (IPv4 through an IPv6 socket) and "203.0.113.7" are one client.
function normalize(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1] : address).toLowerCase();
}

// Set by a proxy to say what the client asked for. Next.js trusts them for its redirects and its
// own origin check, and lib/http/same-origin.ts compares Origin with X-Forwarded-Host.
const CLIENT_FORGEABLE = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

/**
 * Our server (server.ts) knows the TCP peer, which Next does not. With no trusted proxy it
 * replaces whatever X-Forwarded-For the client sent with the peer's address, so the address
 * cannot be forged, and drops the other forwarding headers, which only a client can have sent;
 * behind trusted proxies the headers they wrote are kept as they are.
 */
export function stampForwardedHeaders(
  headers: Record<string, string | string[] | undefined>,
  peer: string | undefined,
  trustedProxies: number,
): void {
  if (trustedProxies > 0) return;
  headers["x-forwarded-for"] = peer ?? "";
  for (const name of CLIENT_FORGEABLE) delete headers[name];
}
