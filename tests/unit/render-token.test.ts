import { describe, expect, it } from "vitest";
import { isRenderRequest, RENDER_HEADER, renderToken } from "@/lib/page-cache/render";

describe("the page cache's render token", () => {
  const token = renderToken("a-secret-of-the-app-processes");

  it("lets the exact token through, and nothing else", () => {
    expect(isRenderRequest({ [RENDER_HEADER]: token }, token)).toBe(true);
    expect(isRenderRequest({ [RENDER_HEADER]: `${token.slice(1)}A` }, token)).toBe(false);
    expect(isRenderRequest({ [RENDER_HEADER]: token.slice(1) }, token)).toBe(false);
    expect(isRenderRequest({}, token)).toBe(false);
  });

  // Node reads header bytes as latin1: 0xE9 is one character "é", two bytes in UTF-8.
  it("refuses a header as long as the token in characters but not in bytes, without an error", () => {
    const sent = "\u00e9".repeat(token.length);
    expect(sent.length).toBe(token.length);
    expect(isRenderRequest({ [RENDER_HEADER]: sent }, token)).toBe(false);
  });
});
