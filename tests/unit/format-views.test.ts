import { describe, expect, it } from "vitest";
import { formatViews } from "@/lib/platform/format";

describe("formatViews", () => {
  it("says view for one and views for any other count, with thousands separated", () => {
    expect(formatViews(1)).toBe("1 view");
    expect(formatViews(0)).toBe("0 views");
    expect(formatViews(2)).toBe("2 views");
    expect(formatViews(1204)).toBe("1,204 views");
  });
});
