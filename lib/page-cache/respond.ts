// Answering a request from a stored page: the encoding the client accepts (brotli, gzip, or
// decompressed for the rare client that takes neither), 304 when its ETag (one per encoding)
// still matches, and the headers that say how it was served.
import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";
import type { PageEntry } from "./entry";
import type { Rendered } from "./render";

export type PageOutcome = "HIT" | "STALE" | "MISS" | "BYPASS";

/**
 * What a browser or CDN may do with a page from the cache: store it, but ask again every time
 * (by ETag, so an unchanged page costs a 304 and no body); a shared cache may answer for at most
 * `sharedSeconds` without asking. Varying on Cookie keeps a signed-in reader's page apart.
 */
function publicCacheControl(sharedSeconds: number): string {
  return `public, max-age=0, s-maxage=${sharedSeconds}, must-revalidate`;
}
const PAGE_VARY =
  "RSC, Next-Router-State-Tree, Next-Router-Prefetch, Next-Router-Segment-Prefetch, Accept-Encoding, Cookie";

// Next's own values for these are replaced (they describe a private render), or are set again
// for the bytes actually sent.
const REPLACED = new Set([
  "cache-control",
  "vary",
  "etag",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "date",
  "connection",
  "keep-alive",
  "set-cookie",
  "x-cache",
  "server-timing",
  "x-request-id",
]);

export function storableHeaders(
  headers: Record<string, string | string[] | undefined>,
): [string, string][] {
  return Object.entries(headers).flatMap(([name, value]) => {
    if (value === undefined || REPLACED.has(name.toLowerCase())) return [];
    return (Array.isArray(value) ? value : [value]).map(
      (one) => [name.toLowerCase(), one] as [string, string],
    );
  });
}

export function sendEntry(
  req: IncomingMessage,
  res: ServerResponse,
  entry: PageEntry,
  outcome: PageOutcome,
  options: { sharedSeconds: number; lookupMs: number },
  answerHeaders: readonly string[] = [],
): void {
  const { meta } = entry;
  const { encoding, etag, body } = representation(entry, req.headers["accept-encoding"]);
  // Every header in one list given to writeHead, none set before: Node then writes them as they
  // are, where setHeader would store each in the response's table first (5% of a HIT's CPU).
  const headers = [
    ...answerHeaders,
    "cache-control",
    publicCacheControl(options.sharedSeconds),
    "vary",
    PAGE_VARY,
    "etag",
    etag,
    "age",
    String(Math.max(0, Math.floor((Date.now() - meta.storedAt) / 1000))),
    "x-cache",
    outcome,
    "server-timing",
    pageTiming(outcome, options.lookupMs, { storedAt: meta.storedAt }),
  ];
  for (const [name, value] of meta.headers) headers.push(name, value);
  if (etagMatches(req.headers["if-none-match"], etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  const bytes = body();
  if (encoding) headers.push("content-encoding", encoding);
  headers.push("content-length", String(bytes.length));
  res.writeHead(meta.status, headers);
  res.end(req.method === "HEAD" ? undefined : bytes);
}

/**
 * Which of a stored page's bodies a client gets (brotli, gzip, or decompressed for the rare
 * client that takes neither) and that representation's ETag. `body` decompresses only when
 * called, so a 304 never does.
 */
export function representation(
  entry: PageEntry,
  acceptEncoding: string | string[] | undefined,
): { encoding: "br" | "gzip" | null; etag: string; body: () => Buffer } {
  const accepted = acceptedEncodings(acceptEncoding);
  const { brotli, gzip } = entry;
  const encoding = brotli && accepted.has("br") ? "br" : accepted.has("gzip") ? "gzip" : null;
  const body = () => (encoding === "br" && brotli ? brotli : encoding ? gzip : gunzipSync(gzip));
  return { encoding, etag: representationEtag(entry.meta.etag, encoding), body };
}

/** Server-Timing for the page cache; the page's panel reads it through the Performance API. */
export function pageTiming(
  outcome: PageOutcome,
  lookupMs: number,
  detail: { storedAt?: number; why?: string } = {},
): string {
  const said =
    detail.storedAt === undefined ? (detail.why ?? "") : `stored ${iso(detail.storedAt)}`;
  return `page-cache;desc="${outcome}${said ? ` ${said}` : ""}";dur=${lookupMs.toFixed(2)}`;
}

// The last time written out: the HITs of one page all say the same.
let lastIso = { at: Number.NaN, text: "" };
function iso(at: number): string {
  if (lastIso.at !== at) lastIso = { at, text: new Date(at).toISOString() };
  return lastIso.text;
}

// The codings a client takes: named without `q=0` (RFC 9110 12.5.3). `*` is not expanded: a
// client that sends only `*` gets the page uncompressed, which it certainly accepts.
function acceptedEncodings(header: string | string[] | undefined): Set<string> {
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  const accepted = new Set<string>();
  for (const part of text.split(",")) {
    const [coding, ...params] = part.split(";").map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith("q="));
    if (coding && (q === undefined || Number(q.slice(2)) > 0)) accepted.add(coding);
  }
  return accepted;
}

// A strong validator names one representation: the brotli, gzip and plain bodies of a page are
// different bytes, so each has its own ETag, or a shared cache could answer 304 for a body the
// client does not hold (RFC 9110 8.8.3).
function representationEtag(etag: string, encoding: "br" | "gzip" | null): string {
  return encoding ? `${etag.slice(0, -1)}-${encoding === "br" ? "br" : "gz"}"` : etag;
}

function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  if (!header) return false;
  const text = Array.isArray(header) ? header.join(",") : header;
  return text.split(",").some((tag) => {
    const candidate = tag.trim().replace(/^W\//, "");
    return candidate === "*" || candidate === etag;
  });
}

// Not passed on from the render to the reader: framing, and the render's own request id (the
// reader's request has one).
const NOT_PASSED_ON = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "x-request-id",
]);

/** A render that is not stored, passed on to its reader as it came. */
export function sendRendered(
  req: IncomingMessage,
  res: ServerResponse,
  rendered: Rendered,
  serverTiming: string,
): void {
  for (const [name, value] of Object.entries(rendered.headers)) {
    if (value !== undefined && !NOT_PASSED_ON.has(name)) res.setHeader(name, value);
  }
  res.setHeader("x-cache", "MISS");
  res.setHeader("server-timing", serverTiming);
  res.setHeader("content-length", String(rendered.body.length));
  res.writeHead(rendered.status);
  res.end(req.method === "HEAD" ? undefined : rendered.body);
}
