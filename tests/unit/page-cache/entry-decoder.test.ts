import { describe, expect, it } from "vitest";
import { buildEntry, decodeEntry, EntryDecoder, encodeEntry } from "@/lib/page-cache/entry";

const stored = (body: string, status = 200) =>
  encodeEntry(
    buildEntry(
      { status, headers: [["content-type", "text/html"]], body: Buffer.from(body), tags: ["feed"] },
      60,
      1_000,
    ),
  );

describe("EntryDecoder", () => {
  it("decodes as decodeEntry does, and reuses the header it parsed for the same bytes", () => {
    const decoder = new EntryDecoder(10);
    const bytes = stored("<p>one</p>");
    const first = decoder.decode("/", bytes);
    expect(first).toEqual(decodeEntry(bytes));
    const again = decoder.decode("/", Buffer.from(bytes));
    expect(again?.meta).toBe(first?.meta);
    expect(again?.gzip.equals(first!.gzip)).toBe(true);
  });

  it("parses a page stored again under the same key, never serving the old header", () => {
    const decoder = new EntryDecoder(10);
    decoder.decode("/", stored("<p>one</p>"));
    const next = decoder.decode("/", stored("<p>two, longer</p>", 404));
    expect(next?.meta.status).toBe(404);
    expect(next).toEqual(decodeEntry(stored("<p>two, longer</p>", 404)));
  });

  it("keeps to its bound and still decodes keys it has forgotten", () => {
    const decoder = new EntryDecoder(1);
    const a = stored("<p>a</p>");
    const b = stored("<p>b</p>", 201);
    const firstA = decoder.decode("/a", a);
    decoder.decode("/b", b);
    const secondA = decoder.decode("/a", a);
    expect(secondA).toEqual(firstA);
    expect(secondA?.meta).not.toBe(firstA?.meta); // forgotten, so parsed again
    expect(decoder.decode("/b", b)?.meta.status).toBe(201);
  });

  it("returns null for bytes that are not an entry", () => {
    const decoder = new EntryDecoder(10);
    expect(decoder.decode("/", Buffer.from("not a page"))).toBeNull();
    const broken = stored("<p>x</p>");
    broken.write("{", 9); // the JSON header's first byte replaced
    expect(
      decoder.decode("/x", Buffer.concat([broken.subarray(0, 9), Buffer.from("}")])),
    ).toBeNull();
  });
});
