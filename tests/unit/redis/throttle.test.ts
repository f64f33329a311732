import { describe, expect, it } from "vitest";
import { Throttle } from "@/lib/redis/throttled-log";
import { manualClock } from "../../helpers/clock";

describe("Throttle", () => {
  it("lets a kind through once per interval and says how many it held back", () => {
    const clock = manualClock();
    const throttle = new Throttle(1_000, clock.now);
    expect(throttle.pass("down")).toBe(0);
    expect(throttle.pass("down")).toBeUndefined();
    expect(throttle.pass("down")).toBeUndefined();
    expect(throttle.pass("other")).toBe(0);
    clock.advance(999);
    expect(throttle.pass("down")).toBeUndefined();
    clock.advance(1);
    expect(throttle.pass("down")).toBe(3);
  });

  it("lets the next one through at once after forget", () => {
    const throttle = new Throttle(1_000, manualClock().now);
    expect(throttle.pass("down")).toBe(0);
    throttle.forget("down");
    expect(throttle.pass("down")).toBe(0);
  });
});
