import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { remember } from "@/lib/util/remember";
import { currentRequestId, withRequestId } from "@/lib/util/request-context";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("the request context", () => {
  it("follows a request through its awaits and timers, and ends with it", async () => {
    const seen: (string | undefined)[] = [];
    await withRequestId("request-1", async () => {
      await tick();
      seen.push(currentRequestId());
      setTimeout(() => seen.push(currentRequestId()), 0);
      await tick();
    });
    expect(seen).toEqual(["request-1", "request-1"]);
    expect(currentRequestId()).toBeUndefined();
  });

  it("does not follow into what remember() makes for the process, though a request asked first", async () => {
    const name = `context-test-${randomBytes(4).toString("hex")}`;
    const heard: (string | undefined)[] = [];
    let timer: NodeJS.Timeout | undefined;
    await withRequestId("first-request", async () => {
      remember(name, () => {
        timer = setInterval(() => heard.push(currentRequestId()), 1);
        return timer;
      });
      await tick();
    });
    clearInterval(timer);
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.every((id) => id === undefined)).toBe(true);
  });
});
