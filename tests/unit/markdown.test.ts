import { describe, expect, it } from "vitest";
import { isProvisional, markdownAsText, renderMarkdown } from "@/lib/markdown";

// Rendered as the app renders: in a worker of the process's render pool.
const render = async (markdown: string) => (await renderMarkdown(markdown)).html;

// Whatever an author writes, the rendered HTML has no element that runs script.
const hostile = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  "[click](javascript:alert(1))",
  "[click](JAVASCRIPT:alert(1))",
  "[click](java\u0000script:alert(1))",
  "![pic](javascript:alert(1))",
  "[data](data:text/html;base64,PHNjcmlwdD4=)",
  '<svg onload="alert(1)"></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<div style="background:url(javascript:alert(1))">x</div>',
];

describe("renderMarkdown", () => {
  it.each(hostile)("renders %j harmlessly", async (input) => {
    const html = await render(input);
    expect(html).not.toMatch(/<(script|iframe|svg|img[^>]+onerror|div)/i);
    expect(html).not.toMatch(/href="\s*(javascript|data):/i);
    expect(html).not.toMatch(/src="\s*javascript:/i);
    expect(html).not.toMatch(/<[^>]+\son\w+=/i);
  });

  it("keeps raw HTML visible as text", async () => {
    expect(await render("<b>bold?</b>")).toContain("&lt;b&gt;bold?&lt;/b&gt;");
  });

  it("renders ordinary markdown", async () => {
    const html = await render(
      "## Title\n\n**strong** and [a link](https://example.com) and `code`\n\n```ts\nconst a = 1 < 2;\n```",
    );
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<strong>strong</strong>");
    expect(html).toContain(
      '<a href="https://example.com" rel="nofollow noopener noreferrer">a link</a>',
    );
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("const a = 1 &lt; 2;");
  });

  it("keeps relative and mailto links", async () => {
    expect(await render("[me](mailto:a@b.c) [post](/posts/x)")).toMatch(
      /href="mailto:a@b.c".*href="\/posts\/x"/s,
    );
  });

  it("shows a body it cannot render as its escaped text, saying why", async () => {
    // marked overflows its stack on 100,000 nested block quotes (or runs past the time limit).
    const body = `<script>x</script>\n\n${">".repeat(100_000)}`;
    const rendered = await renderMarkdown(body);
    expect(["failed", "timeout"]).toContain(rendered.failure);
    expect(rendered.html).toBe(markdownAsText(body));
    expect(rendered.html).toMatch(
      /^<div class="as-text">&lt;script&gt;x&lt;\/script&gt;\n\n&gt;&gt;/,
    );
    expect(isProvisional(rendered.html)).toBe(false);
  });

  it("marks as provisional only the text shown because no worker was free", async () => {
    expect(isProvisional(markdownAsText("<b>x</b>", "busy"))).toBe(true);
    for (const failure of ["timeout", "failed", "too large"] as const)
      expect(isProvisional(markdownAsText("x", failure))).toBe(false);
    // A body cannot forge the mark: its HTML is escaped.
    expect(
      isProvisional(await render('<div class="as-text" data-provisional="true">x</div>')),
    ).toBe(false);
  });
});
