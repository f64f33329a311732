import { describe, expect, it } from "vitest";
import { currentTrace, runWithTrace, serverTiming, traceEnd, traceStart } from "@/lib/cache/trace";

describe("trace", () => {
  it("exists only inside runWithTrace, and returns the function's result", async () => {
    expect(currentTrace()).toBeUndefined();
    expect(traceStart()).toBeUndefined();
    const result = await runWithTrace(async () => {
      const started = traceStart();
      expect(started).toEqual(expect.any(Number));
      traceEnd(started, "cache:api", "post:1", "HIT");
      return currentTrace();
    });
    expect(result).toEqual([
      { namespace: "cache:api", key: "post:1", result: "HIT", ms: expect.any(Number) },
    ]);
  });

  it("formats a Server-Timing value that is a valid header", () => {
    const value = serverTiming([
      { namespace: "cache:api", key: "post:1", result: "HIT", ms: 0.25 },
      { namespace: "cache:api", key: 'search:"café"\\', result: "MISS", ms: 12 },
    ]);
    expect(value).toBe(
      'cache;desc="HIT cache:api post:1";dur=0.25, cache;desc="MISS cache:api search:\\"caf?\\"\\\\";dur=12',
    );
    expect(() => new Headers({ "Server-Timing": value })).not.toThrow();
    expect(serverTiming([])).toBe("");
  });
});
