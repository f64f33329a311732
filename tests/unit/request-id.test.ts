import { describe, expect, it } from "vitest";
import { requestIdOf } from "@/lib/http/request-id";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("a request's id", () => {
  it("is new for every request without a trusted proxy, whatever the client sends", () => {
    const sent = { "x-request-id": "chosen-by-the-client" };
    const [a, b] = [requestIdOf(sent, 0), requestIdOf(sent, 0)];
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });

  it("is the proxy's behind a trusted proxy, when it is a plain token", () => {
    expect(requestIdOf({ "x-request-id": "edge-1a2b:3c.4d_5e" }, 1)).toBe("edge-1a2b:3c.4d_5e");
    for (const unsafe of ["has space", "new\nline", "x".repeat(129), ""])
      expect(requestIdOf({ "x-request-id": unsafe }, 1)).toMatch(UUID);
    expect(requestIdOf({ "x-request-id": ["a", "b"] }, 1)).toMatch(UUID);
  });
});
