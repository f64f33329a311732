import { isIP } from "node:net";

// Which client a request came from, for limits on anonymous callers: its IPv4 address, or the
// /64 of its IPv6 address (one host is commonly given a whole /64, and would otherwise be as
// many clients as it likes).
//
// Next.js has no API for the TCP peer: it writes the peer into X-Forwarded-For itself, but only
// when the request arrived without one. So the address is always read from that header, and
// TRUST_PROXY says how many reverse proxies in front of the app append to it (each adds the
// address it received the request from):
//   0 (default): no proxy; the right-most entry is the one Next.js wrote.
//   n >= 1:      the n-th entry from the right, the right-most hop no trusted proxy vouches for.
// Entries further left were written by the client and are never believed. Our server (server.ts)
// writes the TCP peer itself when there is no trusted proxy (stampForwardedHeaders below), so a
// client's own X-Forwarded-For counts for nothing; `next dev`, which does not run server.ts, is
// the one place where it still could.
export function clientAddress(headers: Headers, trustedProxies: number): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const address = normalize(hops[hops.length - Math.max(1, trustedProxies)] ?? "");
  const version = isIP(address);
  return version === 6 ? prefix64(address) : version === 4 ? address : "unknown";
}

// "2001:db8:1:2:aaaa::1" → "2001:db8:1:2::/64". An address with an IPv4 tail keeps its whole form.
function prefix64(address: string): string {
  const [head, tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  const groups = [...left, ...zeros, ...right];
  if (groups.length !== 8 || groups.some((group) => group.includes("."))) return address;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(":")}::/64`;
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
