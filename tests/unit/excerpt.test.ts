import { describe, expect, it } from "vitest";
import { excerptOf } from "@/lib/domains/posts/slug";

describe("excerptOf", () => {
  it("drops images, code blocks and tags and keeps the text of links", () => {
    const markdown =
      "## Head\n\n![a chart](https://x.y/c.png) Some <b>bold</b> [link](https://x.y)\n\n```ts\nconst a = 1;\n```\n\nafter";
    expect(excerptOf(markdown)).toBe("Head Some bold link after");
  });

  it("keeps the text after a fence that is never closed", () => {
    expect(excerptOf("before ```\nstill shown")).toBe("before still shown");
  });

  // Each of these once cost seconds (one pass over the rest of the text per delimiter); now one
  // pass in all. The outcome is checked here; the time is measured by `npm run bench:hostile`.
  it.each([
    ["<", "<".repeat(100_000), "<".repeat(200)],
    ["[", "[".repeat(100_000), "[".repeat(200)],
    ["[a](", "[a](".repeat(25_000), "[a](".repeat(50)],
    ["![", "![".repeat(50_000), "![".repeat(100)],
  ])("cuts 100,000 characters of unclosed %j to 200 of them", (_, markdown, start) => {
    expect(excerptOf(markdown)).toBe(`${start}…`);
  });

  it("reads 33,333 fences as code blocks, leaving nothing", () => {
    expect(excerptOf("```".repeat(33_333))).toBe("");
  });
});
