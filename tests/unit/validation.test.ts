import { describe, expect, it } from "vitest";
import { z } from "zod";
import { isSlug } from "@/lib/domains/posts/slug";
import { isUsername } from "@/lib/domains/users/schemas";
import { AppError } from "@/lib/platform/errors";
import { assertId, parseOrThrow } from "@/lib/platform/validation";

const schema = z.object({ title: z.string(), tags: z.array(z.string()) });

describe("parseOrThrow", () => {
  it("names the field that carries a NUL character, which Postgres text cannot hold", () => {
    const error = (() => {
      try {
        parseOrThrow(schema, { title: "ok", tags: ["fine", "bad\u0000tag"] });
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error?.status).toBe(400);
    expect(error?.fields).toEqual({ "tags.1": "Remove the null character (U+0000)." });
  });

  it("passes clean input through the schema", () => {
    expect(parseOrThrow(schema, { title: "ok", tags: [] })).toEqual({ title: "ok", tags: [] });
  });
});

describe("identifiers from URLs and action arguments", () => {
  it.each([0, -1, 1.5, Number.NaN, 2_147_483_648, "1", null, undefined])(
    "assertId refuses %j as not found",
    (value) => {
      expect(() => assertId(value, "That post")).toThrow(
        expect.objectContaining({ code: "not_found" }),
      );
    },
  );

  it("assertId accepts a positive 32-bit integer", () => {
    expect(assertId(42, "That post")).toBe(42);
  });

  it.each([
    ["caching-measured-a1b2c3", true],
    ["redis-1", true],
    ["", false],
    ["\u0000", false],
    ["../etc", false],
    ["Upper-Case", false],
    ["x".repeat(100), false],
  ])("isSlug(%j) is %s", (value, expected) => expect(isSlug(value)).toBe(expected));

  it.each([
    ["demo", true],
    ["Ada_Lovelace_1", true],
    ["ab", false],
    ["a\u0000b", false],
    ["<script>", false],
  ])("isUsername(%j) is %s", (value, expected) => expect(isUsername(value)).toBe(expected));
});
