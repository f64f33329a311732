import { describe, expect, it } from "vitest";
import { requestIdOf } from "@/lib/http/request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("a request's id", () => {
  it("is new for every request from an untrusted sender, whatever it sends", () => {
    const sent = { "x-request-id": "chosen-by-the-client" };
    const [a, b] = [requestIdOf(sent, false), requestIdOf(sent, false)];
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });

  it("is a trusted sender's (a proxy, a page cache render), when it is a plain token", () => {
    expect(requestIdOf({ "x-request-id": "edge-1a2b:3c.4d_5e" }, true)).toBe("edge-1a2b:3c.4d_5e");
    for (const unsafe of ["has space", "new\nline", "x".repeat(129), ""])
      expect(requestIdOf({ "x-request-id": unsafe }, true)).toMatch(UUID);
    expect(requestIdOf({ "x-request-id": ["a", "b"] }, true)).toMatch(UUID);
  });
});
