import { describe, expect, it } from "vitest";
import { asText, hexDump, showBlock, showLine } from "@/lib/admin/printable";

describe("showLine", () => {
  it("escapes control, invisible and direction-changing characters, and leaves markup as text", () => {
    expect(showLine("a\nb\tc\u0000d\u001be", 100).text).toBe("a\\nb\\tc\\x00d\\x1be");
    expect(showLine("user\u202Egnp.exe", 100).text).toBe("user\\u202egnp.exe");
    expect(showLine("zero\u200Bwidth\uFEFF", 100).text).toBe("zero\\u200bwidth\\ufeff");
    expect(showLine("<script>alert(1)</script>", 100).text).toBe("<script>alert(1)</script>");
  });

  it("cuts long text and says how long it was", () => {
    const shown = showLine("x".repeat(10_240), 160);
    expect(shown).toEqual({ text: "x".repeat(160), truncated: true, length: 10_240 });
    expect(showLine("short", 160)).toEqual({ text: "short", truncated: false, length: 5 });
  });

  it("never cuts an emoji in half", () => {
    const shown = showLine(`${"a".repeat(9)}😀tail`, 10);
    expect(shown.text).toBe("a".repeat(9));
    expect(shown.truncated).toBe(true);
  });
});

describe("showBlock", () => {
  it("keeps line breaks and tabs but escapes the rest", () => {
    expect(showBlock("one\ntwo\tthree\u0007\u2066", 100).text).toBe("one\ntwo\tthree\\x07\\u2066");
  });
});

describe("asText", () => {
  it("accepts UTF-8 text with line breaks and refuses binary or control bytes", () => {
    expect(asText(Buffer.from("héllo\nworld\t✓"))).toBe("héllo\nworld\t✓");
    expect(asText(Buffer.from([0xff, 0xfe, 0x00, 0x01]))).toBeNull();
    expect(asText(Buffer.from([0x61, 0x00, 0x62]))).toBeNull();
    expect(asText(Buffer.from([0xc3]))).toBeNull(); // a truncated two-byte sequence
  });
});

describe("hexDump", () => {
  it("prints offset, hex and printable ASCII, 16 bytes a line, bounded", () => {
    const bytes = Buffer.concat([
      Buffer.from("<script>"),
      Buffer.from([0x00, 0xff, 0x10]),
      Buffer.alloc(30, 0x41),
    ]);
    const dump = hexDump(bytes, 32);
    expect(dump.text.split("\n")[0]).toBe(
      "00000000  3c 73 63 72 69 70 74 3e 00 ff 10 41 41 41 41 41  |<script>...AAAAA|",
    );
    expect(dump.text.split("\n")).toHaveLength(2);
    expect(dump).toMatchObject({ truncated: true, length: 41 });
  });
});
