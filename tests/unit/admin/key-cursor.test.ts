import { describe, expect, it } from "vitest";
import { formatCursor, parseCursor } from "@/lib/admin/key-cursor";

describe("the key browser's cursor", () => {
  it("is SCAN's own on one Redis, and names the master and its cursor on a Cluster", () => {
    expect(parseCursor("0")).toEqual({ node: 0, cursor: "0" });
    expect(parseCursor("4096")).toEqual({ node: 0, cursor: "4096" });
    expect(parseCursor("2-4096")).toEqual({ node: 2, cursor: "4096" });
    expect(parseCursor("1-0")).toEqual({ node: 1, cursor: "0" });
    expect(parseCursor("007")).toEqual({ node: 0, cursor: "7" });
    expect(parseCursor("18446744073709551615")).toEqual({
      node: 0,
      cursor: "18446744073709551615",
    });
  });

  it("refuses anything a page could not have given, before Redis sees it", () => {
    for (const bad of [
      "",
      "-1",
      "1-",
      "-",
      "a-1",
      "1-2-3",
      "1234-5",
      "1.5",
      " 1",
      "12; FLUSHALL",
      "18446744073709551616",
      "1-99999999999999999999",
    ])
      expect(parseCursor(bad), bad).toBeNull();
  });

  it("reads back as written, and is 0 at the start and past the last master", () => {
    expect(formatCursor({ node: 0, cursor: "4096" }, 1, false)).toBe("4096");
    expect(formatCursor({ node: 1, cursor: "0" }, 1, false)).toBe("0");
    expect(formatCursor({ node: 1, cursor: "4096" }, 3, true)).toBe("1-4096");
    expect(formatCursor({ node: 2, cursor: "0" }, 3, true)).toBe("2-0");
    expect(formatCursor({ node: 0, cursor: "0" }, 3, true)).toBe("0");
    expect(formatCursor({ node: 3, cursor: "0" }, 3, true)).toBe("0");
    for (const position of [
      { node: 0, cursor: "17" },
      { node: 2, cursor: "9" },
    ])
      expect(parseCursor(formatCursor(position, 3, true))).toEqual(position);
  });
});
