import { connect } from "node:net";
import { RENDER_HEADER, renderToken } from "../../lib/page-cache/render";
import { testSettings } from "../settings";
import { behindNginx, expect, test } from "./fixtures";

// Malformed request lines and headers, sent as raw bytes to the built server (server.ts, what
// `npm start` runs): every case must be answered with a status line, none with a 5xx, and the
// server must stay healthy. fetch and Playwright's request would normalise what we send.

const PORT = Number(testSettings.E2E_PORT);
const ORIGIN = `127.0.0.1:${PORT}`;
const SEED = Number(process.env.FUZZ_SEED || 20240601);
const RANDOM_CASES = 220;
const CASE_TIMEOUT_MS = 10_000;

type Rng = () => number;
type Header = [name: string, value: string | null]; // null: leave the header out
type Case = { method: string; target: string; headers: Header[]; body?: string };

// mulberry32: tiny and seedable, so that a failing run can be replayed with FUZZ_SEED.
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (r: Rng, n: number) => Math.floor(r() * n);
const pick = <T>(r: Rng, items: readonly T[]): T => items[int(r, items.length)];

// Junk as latin1 characters: one character is one byte on the wire.
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
const PRINTABLE = range(0x21, 0x7e);
const HIGH = range(0x80, 0xff);
const ANY = [...PRINTABLE, ...HIGH, "\t", " ", "\x01", "\x7f"]; // Node's parser refuses controls
const junk = (r: Rng, length: number, bytes: string[]) =>
  Array.from({ length }, () => pick(r, bytes)).join("");

// As long as the page cache's render token: it compares the header with the token.
const token = (r: Rng, bytes: string[]) => junk(r, renderToken("any secret").length, bytes);
// Next's router state: JSON of the wrong shape.
const STATE_TREE = encodeURIComponent(JSON.stringify(["", { children: 1 }, null, null, true]));

const METHODS = ["GET", "HEAD", "POST", "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE", "get", "FOO"];
const TARGETS = [
  ...`* / http://${ORIGIN}/ http://evil.example/ //evil.example/ /posts/% /%00`.split(" "),
  ...`/u/%E9 /u/\xe9 /?page=%ZZ /?page=99999999999 /search?q= /api/posts?limit=-1`.split(" "),
  ...`/posts/e2e-content-1 /_next/static/../../etc/passwd /api/health`.split(" "),
  `/posts/${"a".repeat(3000)}`,
];
const target = (r: Rng, t: string) => (t.endsWith("q=") ? t + junk(r, int(r, 40), PRINTABLE) : t);

// Each header's odd values, drawn afresh from the seed each time.
const any = (r: Rng, length: number) => junk(r, length, ANY);
const HEADER_VALUES: Record<string, (r: Rng) => (string | null)[]> = {
  // The token's length in characters, other bytes: non-ASCII ones are two bytes each in UTF-8.
  [RENDER_HEADER]: (r) => [token(r, HIGH), `${token(r, PRINTABLE).slice(1)}\xe9`, any(r, 80)],
  cookie: (r) => ["=; ;;blog_session", `blog_session=${any(r, 40)}`, `a=${"x".repeat(8000)}`],
  "accept-encoding": (r) => ["", "*", "gzip;q=abc", "br, br, zstd", "x".repeat(5000), any(r, 30)],
  host: (r) => [null, "", "evil.example", "evil.example:8080", "127.0.0.1:99999", any(r, 20)],
  "x-forwarded-host": (r) => ["evil.example", "a, b, c", any(r, 30)],
  "x-forwarded-proto": (r) => ["ftp", "https, http", any(r, 10)],
  "x-forwarded-for": (r) => ["not-an-ip", "1.2.3.4, ::1, junk", any(r, 30)],
  "next-action": (r) => [junk(r, 42, range(0x61, 0x66)), any(r, 20), ""],
  rsc: () => ["1", "0", "\xe9"],
  "next-router-state-tree": (r) => ["not json", STATE_TREE, "%5B".repeat(4000), any(r, 60)],
  "next-router-prefetch": () => ["1", "2"],
  "next-router-segment-prefetch": (r) => ["/_tree", any(r, 20)],
  "next-url": (r) => ["/posts/%", any(r, 20)],
  "x-middleware-subrequest": () => ["proxy:proxy:proxy:proxy:proxy", "middleware"],
  range: (r) => ["bytes=abc", "bytes=-0", "bytes=999999999-", "bytes=0-0,".repeat(200), any(r, 9)],
  "if-none-match": (r) => ["*", '"', 'W/"', '"a", W/"b", *', any(r, 40)],
  "if-modified-since": (r) => ["yesterday", "Thu, 01 Jan 1970 00:00:00 GMT", any(r, 20)],
  accept: (r) => ["text/x-component", "*/*;q=x", any(r, 20)],
  "content-type": (r) => ["multipart/form-data", "application/json; charset=\xe9", any(r, 9)],
  expect: () => ["100-continue", "200-ok"],
};

// Framing that does not add up: bodies shorter than announced or badly chunked, both framings at
// once; and requests that ask to leave HTTP (an upgrade, a tunnel: CONNECT, in spotlightCases).
const odd = (target: string, body?: string, ...headers: Header[]) => ({ target, headers, body });
const FORM: Header = ["content-type", "multipart/form-data"];
const JSON_TYPE: Header = ["content-type", "application/json"];
const ODD_CASES = [
  odd("/", "abc", FORM, ["content-length", "3"]),
  odd("/", "abc", FORM, ["next-action", "ab".repeat(21)], ["content-length", "3"]),
  odd("/api/posts", "abc", FORM, ["content-length", "3"]),
  odd("/api/views", "{nope", JSON_TYPE, ["content-length", "5"]),
  odd("/", "abc", ["content-length", "100"]),
  // The route reads the body: answered only once the server gives up waiting for the rest.
  odd("/api/posts", "{}", JSON_TYPE, ["content-length", "100"]),
  odd("/", "zz\r\nabc\r\n0\r\n\r\n", ["transfer-encoding", "chunked"]),
  odd("/api/posts", "3\r\nabcdef\r\n0\r\n\r\n", JSON_TYPE, ["transfer-encoding", "chunked"]),
  odd("/", "abc", ["transfer-encoding", "chunked"], ["content-length", "3"]),
  odd("/api/health", undefined, ["connection", "upgrade"], ["upgrade", "websocket"]),
  odd("/no-such-page", undefined, ["connection", "upgrade"], ["upgrade", "websocket"]),
];

function spotlightCases(r: Rng): Case[] {
  const cases: Case[] = [];
  for (const method of METHODS) cases.push({ method, target: "/", headers: [] });
  for (const t of TARGETS)
    for (const method of ["GET", "HEAD", "OPTIONS"])
      cases.push({ method, target: target(r, t), headers: [] });
  for (const [name, values] of Object.entries(HEADER_VALUES))
    for (const value of values(r))
      for (const t of ["/", "/posts/e2e-content-1"])
        cases.push({ method: "GET", target: t, headers: [[name, value]] });
  for (const c of ODD_CASES) for (const method of ["POST", "GET"]) cases.push({ method, ...c });
  cases.push({ method: "CONNECT", target: ORIGIN, headers: [] });
  return cases;
}

function randomCase(r: Rng): Case {
  const method = pick(r, [...METHODS, "GET", "GET", "POST"]);
  const names = Object.keys(HEADER_VALUES);
  const headers = Array.from({ length: int(r, 5) }, (): Header => {
    const name = pick(r, names);
    return [name, pick(r, HEADER_VALUES[name](r))];
  });
  const body = method === "POST" && r() < 0.5 ? junk(r, int(r, 50), PRINTABLE) : undefined;
  if (body !== undefined) headers.push(["content-length", String(body.length)]);
  return { method, target: target(r, pick(r, TARGETS)), headers, body };
}

function requestBytes({ method, target, headers, body = "" }: Case): Buffer {
  const has = (name: string) => headers.some(([n]) => n === name);
  const all: Header[] = [
    ...(has("host") ? [] : [["host", ORIGIN] satisfies Header]),
    ...headers,
    ...(has("connection") ? [] : [["connection", "close"] satisfies Header]),
  ];
  const lines = all.filter(([, v]) => v !== null).map(([name, value]) => `${name}: ${value}\r\n`);
  return Buffer.from(`${method} ${target} HTTP/1.1\r\n${lines.join("")}\r\n${body}`, "latin1");
}

// The status of the answer, past any interim 100 Continue.
const FINAL_STATUS = /^(?:HTTP\/1\.1 1\d\d [\s\S]*?\r\n\r\n)*HTTP\/1\.[01] (\d{3}) /;
type Answer = { status: number | null; bytes: number; timedOut: boolean };

// One connection per case, read until the server closes it or CASE_TIMEOUT_MS passes.
function send(c: Case): Promise<Answer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(PORT, "127.0.0.1");
    const finish = (timedOut: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString("latin1");
      const status = FINAL_STATUS.exec(text)?.[1];
      resolve({ status: status ? Number(status) : null, bytes: text.length, timedOut });
    };
    const timer = setTimeout(() => finish(true), CASE_TIMEOUT_MS);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", () => {}); // a reset after the answer: "close" follows
    socket.on("close", () => finish(false));
    socket.write(requestBytes(c));
  });
}

// Readable in a report: long values shortened, bytes outside printable ASCII escaped.
const hex = (ch: string) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;
const show = (v: string) =>
  (v.length > 80 ? `${v.slice(0, 60)}…(${v.length} chars)` : v).replace(/[^\x20-\x7e…]/g, hex);
function describeCase(c: Case, i: number): string {
  const headers = c.headers.map(([n, v]) => ` [${n}: ${v === null ? "(none)" : show(v)}]`);
  const body = c.body === undefined ? "" : ` body ${show(JSON.stringify(c.body))}`;
  return `#${i} ${show(c.method)} ${show(c.target)}${headers.join("")}${body}`;
}

// A body shorter than its Content-Length never ends. The app answers it 408 after
// REQUEST_TIMEOUT_MS; nginx, in front of it under `npm run test:cluster`, waits
// client_body_timeout (deploy/nginx/blog.conf.template) and then closes the connection without
// an answer, as nginx does: let go in time, never held, is what is asked of it then.
const bodyNeverEnds = (c: Case) =>
  c.headers.some(
    ([name, value]) => name === "content-length" && Number(value) > (c.body?.length ?? 0),
  );
const droppedByProxy = (answer: Answer) => !answer.timedOut && answer.status === null;

// A case that asked for no `connection: close` (say `connection: upgrade`) may find the
// connection kept open after a whole answer, as HTTP/1.1 allows (nginx does so): then its
// status is the answer. A timeout with no status line is no answer.
function verdict(answer: Answer): string | null {
  if (answer.timedOut && answer.status === null)
    return `no answer within ${CASE_TIMEOUT_MS} ms (${answer.bytes} bytes)`;
  if (answer.status === null) return `closed with no status line (${answer.bytes} bytes)`;
  if (answer.status < 200) return `only an interim ${answer.status}`;
  return answer.status >= 500 ? `answered ${answer.status}` : null;
}

test("malformed request lines and headers are answered, never with a 5xx", async ({ request }) => {
  test.setTimeout(10 * 60_000);
  const r = mulberry32(SEED);
  const cases = spotlightCases(r);
  for (let i = 0; i < RANDOM_CASES; i++) cases.push(randomCase(r));
  const failures: string[] = [];
  // One at a time, so that the app log reads in the order of the cases.
  for (const [i, c] of cases.entries()) {
    const answer = await send(c);
    const wrong =
      behindNginx && bodyNeverEnds(c) && droppedByProxy(answer) ? null : verdict(answer);
    if (wrong) failures.push(`${describeCase(c, i)} → ${wrong}`);
  }
  const summary = `seed ${SEED}: ${failures.length} of ${cases.length} cases failed`;
  // Soft, so that the health checks below still run and report too.
  expect.soft(failures.length, `${summary}:\n${failures.join("\n")}`).toBe(0);
  const health = await request.get("/api/health");
  expect(health.status(), "the server is still healthy").toBe(200);
  expect(await health.text()).toContain('"status":"ok"');
  expect((await request.get("/")).status(), "the home page still answers").toBe(200);
});
