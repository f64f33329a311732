import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { within } from "@/lib/util/within";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it("gives the promise's value when it settles in time, and leaves no timer armed", async () => {
  expect(await within(Promise.resolve("answer"), 50, "late")).toBe("answer");
  expect(vi.getTimerCount()).toBe(0);
});

it("gives the fallback once the time has passed, and the promise's failure when it fails first", async () => {
  const late = within(new Promise(() => {}), 50, "late");
  await vi.advanceTimersByTimeAsync(50);
  expect(await late).toBe("late");
  await expect(within(Promise.reject(new Error("refused")), 50, "late")).rejects.toThrow("refused");
  expect(vi.getTimerCount()).toBe(0);
});
