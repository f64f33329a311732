import { describe, expect, it } from "vitest";
import { sseComment, sseEvent, sseRetry } from "@/lib/realtime/sse";
import { parseFrames } from "../../integration/realtime/helpers";

describe("SSE wire format", () => {
  it("writes an event as id, event and data lines ended by a blank line", () => {
    expect(sseEvent({ id: "a1", event: "post.created", data: '{"x":1}' })).toBe(
      'id: a1\nevent: post.created\ndata: {"x":1}\n\n',
    );
  });

  it("splits multi-line data into data lines, which a parser joins back", () => {
    const text = sseEvent({ id: "1", event: "note", data: "one\ntwo\r\nthree" });
    expect(text).toBe("id: 1\nevent: note\ndata: one\ndata: two\ndata: three\n\n");
    expect(parseFrames(text)).toEqual([{ id: "1", event: "note", data: "one\ntwo\nthree" }]);
  });

  it("keeps line breaks out of id and event, so they cannot forge fields", () => {
    const text = sseEvent({ id: "x\n\nevent: fake", event: "real\ndata: forged", data: "{}" });
    expect(parseFrames(text)).toEqual([
      { id: "x event: fake", event: "real data: forged", data: "{}" },
    ]);
  });

  it("writes comments and the retry hint", () => {
    expect(sseComment("ping")).toBe(": ping\n\n");
    expect(sseComment("a\nretry: 1")).toBe(": a retry: 1\n\n");
    expect(sseRetry(3000)).toBe("retry: 3000\n\n");
    expect(sseRetry(-5)).toBe("retry: 0\n\n");
  });
});
