import { afterEach, expect, it, vi } from "vitest";
import { ThrottledLog as QuietLog } from "@/lib/redis/throttled-log";
import { logger } from "@/lib/util/logger";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

it("logs a kind of warning once per interval, then says how many it held back", () => {
  vi.useFakeTimers();
  const lines: Record<string, unknown>[] = [];
  vi.spyOn(logger, "warn").mockImplementation(
    (message: string, fields?: Record<string, unknown>) => void lines.push({ message, ...fields }),
  );
  const log = new QuietLog(logger, { intervalMs: 1_000 });

  for (let i = 0; i < 5; i++) log.warn("publish", "publish failed", { channel: "c" });
  log.warn("subscribe", "subscribe failed");
  expect(lines.map((line) => line.message)).toEqual(["publish failed", "subscribe failed"]);
  expect(lines[0]).not.toHaveProperty("suppressed");

  vi.advanceTimersByTime(1_000);
  log.warn("publish", "publish failed", { channel: "c" });
  expect(lines[2]).toMatchObject({
    message: "publish failed",
    channel: "c",
    suppressed: 4,
  });
});
