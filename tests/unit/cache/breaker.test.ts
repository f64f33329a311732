import { describe, expect, it, vi } from "vitest";
import { Breaker, breakerStates } from "@/lib/redis/breaker";
import { ThrottledLog } from "@/lib/redis/throttled-log";
import { manualClock } from "../../helpers/clock";

// The cool-down runs on a clock the tests move; the command timeout on (fake) timers.
function setup(
  options: { failureThreshold?: number; cooldownMs?: number; commandTimeoutMs?: number } = {},
) {
  const messages: string[] = [];
  const log = new ThrottledLog(
    { warn: (m) => void messages.push(m) },
    { prefix: "[cache test] ", intervalMs: 10_000 },
  );
  const onError = vi.fn();
  const clock = manualClock();
  const breaker = new Breaker(
    { commandTimeoutMs: 20, failureThreshold: 3, cooldownMs: 100, now: clock.now, ...options },
    log,
    onError,
  );
  return { breaker, messages, onError, clock };
}

const failing = () => Promise.reject(new Error("ECONNREFUSED"));
const hanging = () => new Promise<never>(() => {});
const replyError = () =>
  Promise.reject(Object.assign(new Error("WRONGTYPE"), { name: "ReplyError" }));

describe("Breaker", () => {
  it("passes answers through", async () => {
    const { breaker } = setup();
    expect(await breaker.run(async () => "PONG")).toEqual({ ok: true, value: "PONG" });
  });

  it("fails a command that does not answer within the timeout, not before", async () => {
    // setImmediate left real: the timeout is checked once the event loop has read its sockets.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date"] });
    const loopTurn = () => new Promise((resolve) => setImmediate(resolve));
    try {
      const { breaker, onError } = setup();
      let outcome: unknown;
      void breaker.run(hanging).then((o) => (outcome = o));
      await vi.advanceTimersByTimeAsync(19);
      await loopTurn();
      expect(outcome).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      await loopTurn();
      expect(outcome).toEqual({ ok: false });
      expect(onError).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("fails open when the client factory itself throws", async () => {
    const { breaker } = setup();
    const result = await breaker.run(() => {
      throw new Error("no client");
    });
    expect(result).toEqual({ ok: false });
  });

  it("opens after consecutive failures, skips commands, then probes once and closes", async () => {
    const { breaker, messages, onError, clock } = setup();
    for (let i = 0; i < 3; i++) await breaker.run(failing);
    expect(messages.some((m) => m.includes("circuit open"))).toBe(true);

    const command = vi.fn(async () => "PONG");
    expect(await breaker.run(command)).toEqual({ ok: false });
    expect(command).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(4);
    clock.advance(99);
    expect(await breaker.run(command)).toEqual({ ok: false }); // still cooling down
    expect(command).not.toHaveBeenCalled();

    clock.advance(1);
    let answer!: (value: string) => void;
    const slowProbe = vi.fn(() => new Promise<string>((resolve) => (answer = resolve)));
    const probing = breaker.run(slowProbe);
    const during = await breaker.run(command); // while the probe is out
    answer("PONG");
    const probe = await probing;
    expect(probe).toEqual({ ok: true, value: "PONG" });
    expect(during).toEqual({ ok: false }); // one probe at a time
    expect(command).not.toHaveBeenCalled();
    expect(await breaker.run(command)).toEqual({ ok: true, value: "PONG" });
    expect(messages.some((m) => m.includes("caching resumed"))).toBe(true);
  });

  it("says its state, closed, open, half-open, closed again, under its name", async () => {
    const clock = manualClock();
    const name = `test-breaker-${Math.random()}`;
    const breaker = new Breaker(
      { name, failureThreshold: 2, cooldownMs: 100, now: clock.now },
      { warn: () => {} },
      () => {},
    );
    const listed = () => breakerStates().find((one) => one.name === name)?.state;
    expect(listed()).toBe("closed");
    await breaker.run(failing);
    expect(listed()).toBe("closed"); // one failure of two
    await breaker.run(failing);
    expect(listed()).toBe("open");
    clock.advance(100);
    expect(listed()).toBe("half-open");
    await breaker.run(async () => "PONG");
    expect(breaker.state()).toBe("closed");
    expect(listed()).toBe("closed");
  });

  it("reopens at once when the probe fails", async () => {
    const { breaker, clock } = setup();
    for (let i = 0; i < 3; i++) await breaker.run(failing);
    clock.advance(100);
    await breaker.run(failing);
    const command = vi.fn(async () => "PONG");
    expect(await breaker.run(command)).toEqual({ ok: false });
    expect(command).not.toHaveBeenCalled();
  });

  it("a success in between resets the count of failures", async () => {
    const { breaker } = setup();
    await breaker.run(failing);
    await breaker.run(failing);
    await breaker.run(async () => 1);
    await breaker.run(failing);
    await breaker.run(failing);
    expect(await breaker.run(async () => 2)).toEqual({ ok: true, value: 2 });
  });

  it("counts error replies as errors, but not as signs that Redis is down", async () => {
    const { breaker, messages, onError } = setup();
    for (let i = 0; i < 5; i++) expect(await breaker.run(replyError)).toEqual({ ok: false });
    expect(onError).toHaveBeenCalledTimes(5);
    expect(messages.some((m) => m.includes("circuit open"))).toBe(false);
    expect(await breaker.run(async () => 1)).toEqual({ ok: true, value: 1 });
  });

  it("logs each kind of failure at most once per interval, then says how many it held back", async () => {
    vi.useFakeTimers();
    try {
      const messages: string[] = [];
      const suppressed: unknown[] = [];
      const log = new ThrottledLog(
        {
          warn(message, fields) {
            messages.push(message);
            suppressed.push(fields?.suppressed);
          },
        },
        { prefix: "[cache cache:api] ", intervalMs: 10_000 },
      );
      log.warn("redis-error", "down");
      log.warn("redis-error", "down");
      log.warn("other", "different");
      log.warn("redis-error", "down");
      expect(messages).toEqual(["[cache cache:api] down", "[cache cache:api] different"]);
      vi.advanceTimersByTime(10_001);
      log.warn("redis-error", "down");
      expect(messages.at(-1)).toBe("[cache cache:api] down");
      expect(suppressed).toEqual([undefined, undefined, 2]);
    } finally {
      vi.useRealTimers();
    }
  });
});
