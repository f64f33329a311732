import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Rendered } from "@/lib/page-cache/render";
import { inlineScripts, scriptHash, withScriptHashes } from "@/lib/page-cache/script-policy";

// What Next 16 sends: chunks by src (with SRI), its page data and React's streaming helpers inline.
const NEXT_LIKE = [
  `<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>`,
  `<script src="/_next/static/chunks/a.js" async="" integrity="sha256-abc"></script>`,
  `</head><body><main><p title="a &quot;b&quot; > c">text &lt;script&gt;</p><!--$--></main>`,
  `<script>(self.__next_f=self.__next_f||[]).push([0])</script>`,
  `<script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n\\u003cscript\\u003e"])</script>`,
  `<script id="_R_">$RC=function(){};$RC("B:0","S:0")</script></body></html>`,
].join("");

const rendered = (body: string, headers: Rendered["headers"]): Rendered => ({
  status: 200,
  headers: { "content-type": "text/html; charset=utf-8", ...headers },
  body: Buffer.from(body),
});

describe("inlineScripts", () => {
  it("reads the text of each script without src, in order, leaving chunks by src out", () => {
    expect(inlineScripts(NEXT_LIKE)).toEqual([
      "(self.__next_f=self.__next_f||[]).push([0])",
      'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n\\u003cscript\\u003e"])',
      '$RC=function(){};$RC("B:0","S:0")',
    ]);
  });

  it("reads tags as HTML does: any case, quoted '>' in attributes, end tags with a space", () => {
    const html =
      `<SCRIPT type=module data-x='a>b'>one</SCRIPT ><script data-src="/x.js">two</script>` +
      `<script nonce="n" SRC=/c.js></script><script\ndefer\n>three</script\t>` +
      `<script =src>four</script/><script/>five</script>`;
    expect(inlineScripts(html)).toEqual(["one", "two", "three", "four", "five"]);
  });

  it("finds no script inside a comment, an attribute value or a text element", () => {
    const html =
      `<!-- <script>a</script> --><!--><script>b</script><!--x--!><div title="<script>c</script>">` +
      `</div><textarea><script>d</script></textarea><title><script>e</script></title>` +
      `<style>p::after{content:"<script>f</script>"}</style><noscript><script>g</script></noscript>` +
      `<div data-a='<script>'>h</div>`;
    expect(inlineScripts(html)).toEqual(["b"]);
  });

  it("refuses what it cannot vouch for: an open tag, an open script, '<!--' in a script", () => {
    expect(inlineScripts(`<p><script>x</script><div class="open`)).toBeNull();
    expect(inlineScripts(`<script>never closed`)).toBeNull();
    expect(inlineScripts(`<script>a="<!--"; b="<script>"</script>c</script>`)).toBeNull();
    expect(inlineScripts(`<p>no script</p>`)).toEqual([]);
  });
});

describe("scriptHash", () => {
  it("is the CSP source of the text's SHA-256 (the example of CSP's specification)", () => {
    expect(scriptHash("alert('Hello, world.');")).toBe(
      "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='",
    );
  });

  it("hashes the text as the parser leaves it: line ends as LF, NUL as U+FFFD, UTF-8", () => {
    const sha = (text: string) =>
      `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
    expect(scriptHash("a\r\nb\rc")).toBe(sha("a\nb\nc"));
    expect(scriptHash("a\0b")).toBe(sha("a\uFFFDb"));
    expect(scriptHash("é — ✓")).toBe(sha("é — ✓"));
  });
});

describe("withScriptHashes", () => {
  const policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";

  it("adds each inline script's hash to script-src, once, and keeps every other directive", () => {
    const body = `<script>one</script><script>two</script><script>one</script>`;
    const out = withScriptHashes(rendered(body, { "content-security-policy": policy }));
    expect(out?.headers["content-security-policy"]).toBe(
      `default-src 'self'; script-src 'self' ${scriptHash("one")} ${scriptHash("two")}; ` +
        "style-src 'self' 'unsafe-inline'",
    );
    expect(out?.body.toString()).toBe(body);
  });

  it("drops a nonce, and builds script-src from default-src when there is none", () => {
    const body = `<script>x</script>`;
    const nonced = withScriptHashes(
      rendered(body, { "content-security-policy": "script-src 'self' 'nonce-abc=' 'unsafe-eval'" }),
    );
    expect(nonced?.headers["content-security-policy"]).toBe(
      `script-src 'self' 'unsafe-eval' ${scriptHash("x")}`,
    );
    const fallback = withScriptHashes(
      rendered(body, { "content-security-policy": "default-src 'none'; frame-ancestors 'none'" }),
    );
    expect(fallback?.headers["content-security-policy"]).toBe(
      `default-src 'none'; frame-ancestors 'none'; script-src ${scriptHash("x")}`,
    );
  });

  it("gives each of several policies the hashes", () => {
    const out = withScriptHashes(
      rendered(`<script>x</script>`, {
        "content-security-policy": "script-src 'self', default-src 'self'",
      }),
    );
    expect(out?.headers["content-security-policy"]).toBe(
      `script-src 'self' ${scriptHash("x")}, default-src 'self'; script-src 'self' ${scriptHash("x")}`,
    );
  });

  it("leaves a page without a policy, or what is not HTML, as it is", () => {
    const page = rendered(`<script>x</script>`, {});
    expect(withScriptHashes(page)).toBe(page);
    const json = rendered(`{"a":"<script>x</script>"}`, {
      "content-type": "application/json",
      "content-security-policy": policy,
    });
    expect(withScriptHashes(json)).toBe(json);
  });

  it("refuses a page in another charset or whose scripts it cannot read", () => {
    const latin1 = rendered(`<script>x</script>`, {
      "content-type": "text/html; charset=ISO-8859-1",
      "content-security-policy": policy,
    });
    expect(withScriptHashes(latin1)).toBeNull();
    expect(
      withScriptHashes(rendered(`<script>x`, { "content-security-policy": policy })),
    ).toBeNull();
  });
});
