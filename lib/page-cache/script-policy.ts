// A stored page is one HTML for every reader (and a CDN may keep it), so it cannot carry a nonce:
// a nonce every reader knows protects nothing. When a render comes back, its inline <script>
// elements are hashed, and its Content-Security-Policy (which, for a render, allows no inline
// script: proxy.ts gave it no nonce) gets those hashes in script-src. The browser then runs the
// inline scripts the page was rendered with and nothing injected later. Done once per render,
// never on a hit: the stored entry keeps the header. docs/decisions/027-csp-nonces-and-hashes.md.
import { createHash } from "node:crypto";
import type { Rendered } from "./render";

// Elements whose content is text up to their end tag (raw text and escapable raw text, and
// noscript, raw text wherever scripts run): a "<script" inside them starts no script.
const TEXT_ELEMENTS = new Set([
  "script",
  "style",
  "textarea",
  "title",
  "xmp",
  "iframe",
  "noembed",
  "noframes",
  "noscript",
]);
const TAG_NAME = /[a-zA-Z][^\t\n\f\r />]*/y;
// The pieces of a start tag after its name, read with sticky patterns (no backtracking).
const BEFORE_NAME = /[\t\n\f\r /]*/y;
const ATTRIBUTE_NAME = /[^\t\n\f\r />][^\t\n\f\r />=]*/y; // a name may start with "="
const EQUALS = /[\t\n\f\r ]*=[\t\n\f\r ]*/y;
const UNQUOTED_VALUE = /[^\t\n\f\r >]*/y;

// Where `pattern` (sticky) stops matching from `at`; null if it does not match there.
function matchEnd(pattern: RegExp, html: string, at: number): number | null {
  pattern.lastIndex = at;
  return pattern.test(html) ? pattern.lastIndex : null;
}

// A start tag's attributes, from just after its name to its ">" (HTML's tokenizer, without the
// parse errors that change nothing here): their names, and where the tag ends; null if it does not.
function readAttributes(html: string, from: number): { names: string[]; end: number } | null {
  const names: string[] = [];
  let at = from;
  for (;;) {
    at = matchEnd(BEFORE_NAME, html, at) ?? at;
    if (at >= html.length) return null;
    if (html[at] === ">") return { names, end: at + 1 };
    const nameEnd = matchEnd(ATTRIBUTE_NAME, html, at) ?? at + 1;
    names.push(html.slice(at, nameEnd).toLowerCase());
    const valueStart = matchEnd(EQUALS, html, nameEnd);
    if (valueStart === null) {
      at = nameEnd;
      continue;
    }
    const quote = html[valueStart];
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, valueStart + 1);
      if (close < 0) return null;
      at = close + 1;
    } else {
      at = matchEnd(UNQUOTED_VALUE, html, valueStart) ?? valueStart;
    }
  }
}

// Where the comment opened at `open` ends ("-->", "--!>", or at once for "<!-->" and "<!--->").
const COMMENT_END = /--!?>/g;
function commentEnd(html: string, open: number): number {
  if (html.startsWith("<!-->", open)) return open + 5;
  if (html.startsWith("<!--->", open)) return open + 6;
  COMMENT_END.lastIndex = open + 4;
  return COMMENT_END.exec(html) ? COMMENT_END.lastIndex : html.length;
}

// The end tag of a text element: "</name" in any case, then a space, "/" or ">".
const END_TAGS = new Map(
  [...TEXT_ELEMENTS].map((name) => [name, new RegExp(`</${name}[\\t\\n\\f\\r />]`, "ig")]),
);
function endTagAt(html: string, name: string, from: number): number {
  const pattern = END_TAGS.get(name);
  if (!pattern) return -1;
  pattern.lastIndex = from;
  return pattern.exec(html)?.index ?? -1;
}

/**
 * The text of each inline script (a script element without src) of an HTML document, in order;
 * null for a document this reading cannot vouch for (a tag or text element left open, a script
 * whose text has "<!--", after which HTML may not end it at the first "</script>").
 */
export function inlineScripts(html: string): string[] | null {
  const scripts: string[] = [];
  let at = 0;
  for (;;) {
    const open = html.indexOf("<", at);
    if (open < 0) return scripts;
    if (html.startsWith("<!--", open)) {
      at = commentEnd(html, open);
      continue;
    }
    TAG_NAME.lastIndex = open + 1;
    const name = TAG_NAME.exec(html)?.[0].toLowerCase();
    if (!name) {
      at = open + 1;
      continue;
    }
    const tag = readAttributes(html, open + 1 + name.length);
    if (!tag) return null;
    at = tag.end;
    if (name === "plaintext") return scripts;
    if (!TEXT_ELEMENTS.has(name)) continue;
    const close = endTagAt(html, name, tag.end);
    if (close < 0) return null;
    const text = html.slice(tag.end, close);
    if (name === "script" && !tag.names.includes("src")) {
      if (text.includes("<!--")) return null;
      scripts.push(text);
    }
    at = close;
  }
}

/**
 * The CSP source of a script's text, as the browser hashes it: the element's text after HTML's
 * input normalization (CR LF and CR are LF; NUL in script text is U+FFFD), in UTF-8.
 */
export function scriptHash(text: string): string {
  const normalized = text.replace(/\r\n?/g, "\n").replaceAll("\0", "\uFFFD");
  return `'sha256-${createHash("sha256").update(normalized, "utf8").digest("base64")}'`;
}

const nameOf = (directive: string) => directive.split(/\s+/, 1)[0].toLowerCase();

// One policy with these hash sources in its script-src (made from default-src if it has none),
// in place of any nonce. A policy that restricts no script is left as it is.
function policyWithHashes(policy: string, hashes: string[]): string {
  const directives = policy
    .split(";")
    .map((directive) => directive.trim())
    .filter(Boolean);
  const index = directives.findIndex((directive) => nameOf(directive) === "script-src");
  const base = directives[index] ?? directives.find((d) => nameOf(d) === "default-src");
  if (base === undefined) return policy;
  const sources = base
    .split(/\s+/)
    .slice(1)
    .filter((source) => !/^'nonce-/i.test(source) && (hashes.length === 0 || source !== "'none'"));
  const scriptSrc = ["script-src", ...sources, ...hashes].join(" ");
  if (index >= 0) directives[index] = scriptSrc;
  else directives.push(scriptSrc);
  return directives.join("; ");
}

/**
 * The render with a Content-Security-Policy that allows exactly its own inline scripts, by hash;
 * null for an HTML page whose scripts cannot be read with certainty (it is then neither stored nor
 * sent: the reader's request goes to Next, which gives it a nonce). Anything but a UTF-8 HTML
 * page with a policy is returned as it is.
 */
export function withScriptHashes(rendered: Rendered): Rendered | null {
  const policy = rendered.headers["content-security-policy"];
  const type = String(rendered.headers["content-type"] ?? "").toLowerCase();
  if (typeof policy !== "string" || !type.startsWith("text/html")) return rendered;
  const charset = /charset=["']?([^;"'\s]+)/.exec(type)?.[1];
  if (charset && charset !== "utf-8" && charset !== "utf8") return null;
  const scripts = inlineScripts(rendered.body.toString("utf8"));
  if (!scripts) return null;
  const hashes = [...new Set(scripts.map(scriptHash))];
  // Node joins repeated headers with ", ": each of several policies must allow the scripts.
  const hashed = policy
    .split(",")
    .map((one) => policyWithHashes(one.trim(), hashes))
    .join(", ");
  return { ...rendered, headers: { ...rendered.headers, "content-security-policy": hashed } };
}
