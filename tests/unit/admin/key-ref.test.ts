import { describe, expect, it } from "vitest";
import { keyFromInput, keyHref, MAX_KEY_BYTES } from "@/lib/admin/key-ref";
import { AppError } from "@/lib/platform/errors";

const roundTrip = (key: Buffer) => {
  const params = new URL(keyHref(key)!, "http://admin.test").searchParams;
  return keyFromInput({ key: params.get("key") ?? undefined, hex: params.get("hex") ?? undefined });
};

describe("keys in URLs", () => {
  it("carries text keys readably and encoded, and every key back unchanged", () => {
    const hostile = Buffer.from(`<script>alert(1)</script>&x=1#frag "quoted" ?`);
    const href = keyHref(hostile) ?? "";
    expect(href).not.toContain("<");
    expect(href).not.toContain("#");
    expect(href.startsWith("/admin/cache/key?key=")).toBe(true);
    for (const key of [
      hostile,
      Buffer.from("cache:feed:page:1"),
      Buffer.from("línea\nnueva ✓"),
      Buffer.from([0x00, 0xff, 0x3c]),
    ]) {
      expect(roundTrip(key).equals(key)).toBe(true);
    }
    expect(keyHref(Buffer.from([0x00, 0xff]))).toBe("/admin/cache/key?hex=00ff");
    expect(keyHref(Buffer.from("k".repeat(MAX_KEY_BYTES)))).toMatch(
      /^\/admin\/cache\/key\?key=k+$/,
    );
    expect(keyHref(Buffer.from("<".repeat(MAX_KEY_BYTES)))).toBeNull(); // %3C each: too long for a URL
    expect(keyHref(Buffer.from("k".repeat(MAX_KEY_BYTES + 1)))).toBeNull();
  });

  it("refuses a missing key, bad hex and keys too long to open", () => {
    const fieldsOf = (input: Record<string, unknown>) => {
      try {
        keyFromInput(input);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return (error as AppError).fields;
      }
      throw new Error("accepted");
    };
    expect(fieldsOf({})).toHaveProperty("key");
    expect(fieldsOf({ hex: "abc" })).toHaveProperty("hex");
    expect(fieldsOf({ hex: "zz" })).toHaveProperty("hex");
    expect(fieldsOf({ key: "k".repeat(MAX_KEY_BYTES + 1) })).toHaveProperty("key");
  });
});
