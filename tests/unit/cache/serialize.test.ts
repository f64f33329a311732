import { describe, expect, it } from "vitest";
import { deserialize, serialize, stableSerialize } from "@/lib/cache/serialize";

const roundTrip = (value: unknown) => deserialize(serialize(value));

describe("typed JSON", () => {
  it.each([
    ["null", null],
    ["undefined", undefined],
    ["a string", "hello"],
    ["a number", 42.5],
    ["a boolean", false],
    ["a Date", new Date("2024-02-29T00:00:00.123Z")],
    ["an invalid Date", new Date(Number.NaN)],
    ["a BigInt", -(2n ** 100n)],
    ["NaN and infinities", [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]],
    [
      "a Map with non-string keys",
      new Map<unknown, unknown>([
        [1, "one"],
        [new Date(0), new Set([1n])],
      ]),
    ],
    ["a Set", new Set(["a", { b: 1 }])],
    ["an array with holes of undefined", [1, undefined, null]],
    ["an object with an undefined property", { a: undefined, b: null }],
    ["an object that looks like a tag", { $t: "Date", v: 0 }],
    ["an own __proto__ key", JSON.parse('{"__proto__": {"polluted": true}}')],
  ])("round-trips %s", (_, value) => {
    expect(roundTrip(value)).toStrictEqual(value);
  });

  it("keeps deep nesting", () => {
    const value = {
      posts: [{ at: new Date(1), tags: new Set(["x"]), meta: new Map([["views", 10n]]) }],
    };
    expect(roundTrip(value)).toStrictEqual(value);
  });

  it("does not let a __proto__ key change the decoded object's prototype", () => {
    const decoded = roundTrip(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect((decoded as { polluted?: boolean }).polluted).toBeUndefined();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it("decodes a typed value under a __proto__ key as data, not as a prototype", () => {
    const decoded = deserialize(
      '{"__proto__": {"$t": "Date", "v": 0}, "n": [{"$t": "BigInt", "v": "1"}]}',
    );
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(decoded, "__proto__")?.value).toEqual(new Date(0));
    expect((decoded as { n: unknown[] }).n).toEqual([1n]);
  });

  it("stores other objects as JSON would (toJSON, own enumerable properties)", () => {
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
    }
    expect(roundTrip(new Point(1, 2))).toStrictEqual({ x: 1, y: 2 });
    expect(roundTrip(new URL("https://example.com/a"))).toBe("https://example.com/a");
  });

  it("refuses functions, symbols and circular structures", () => {
    expect(() => serialize(() => 1)).toThrow(TypeError);
    expect(() => serialize({ s: Symbol("x") })).toThrow(TypeError);
    const loop: unknown[] = [];
    loop.push(loop);
    expect(() => serialize(loop)).toThrow(/circular/);
  });

  it("allows the same object twice when it is not its own ancestor", () => {
    const shared = { a: 1 };
    expect(roundTrip([shared, shared])).toStrictEqual([{ a: 1 }, { a: 1 }]);
  });

  it("stableSerialize ignores property order, serialize keeps it", () => {
    expect(stableSerialize({ a: 1, b: { c: 2, d: 3 } })).toBe(
      stableSerialize({ b: { d: 3, c: 2 }, a: 1 }),
    );
    expect(serialize({ a: 1, b: 2 })).not.toBe(serialize({ b: 2, a: 1 }));
  });

  // Plain ids and slugs take a shortcut; the text (and so every memo key) must not change.
  it.each([
    ['[42,"a-slug",true,null]', [42, "a-slug", true, null]],
    ['[{"$t":"Number","v":"NaN"}]', [Number.NaN]],
    ['[1,{"$t":"undefined"}]', [1, undefined]],
    ['[{"$t":"BigInt","v":"7"}]', [7n]],
  ])("stableSerialize gives %s", (text, args) => {
    expect(stableSerialize(args)).toBe(text);
  });
});
