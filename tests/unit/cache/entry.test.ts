import { describe, expect, it } from "vitest";
import { packEntry, shouldRefreshEarly, unpackEntry } from "@/lib/cache/entry";

describe("entry", () => {
  it("packs a typed value with its freshness and loader time", () => {
    const entry = unpackEntry(packEntry({ at: new Date(5) }, 1000, 12.2));
    expect(entry).toStrictEqual({ value: { at: new Date(5) }, freshUntil: 1000, delta: 13 });
  });

  it("XFetch: looks ahead by delta * beta * -ln(random)", () => {
    const entry = { value: 1, freshUntil: 10_000, delta: 100 };
    const minusLnIsOne = () => Math.exp(-1); // -ln(random) = 1: look ahead by delta * beta
    expect(shouldRefreshEarly(entry, 9_899, 1, minusLnIsOne)).toBe(false);
    expect(shouldRefreshEarly(entry, 9_901, 1, minusLnIsOne)).toBe(true);
    expect(shouldRefreshEarly(entry, 9_000, 10, minusLnIsOne)).toBe(true);
    expect(shouldRefreshEarly(entry, 9_999, 1, () => 1)).toBe(false);
    expect(shouldRefreshEarly({ ...entry, delta: 0 }, 9_999, 1, () => Number.MIN_VALUE)).toBe(
      false,
    );
  });
});
