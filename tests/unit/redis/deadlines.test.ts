import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Deadlines } from "@/lib/redis/deadlines";
import { RedisTimeoutError } from "@/lib/redis/errors";

const hanging = () => new Promise<never>(() => {});

// Where a promise stands, without waiting for it.
function watch(promise: Promise<unknown>): { state: string; error?: unknown } {
  const seen: { state: string; error?: unknown } = { state: "pending" };
  promise.then(
    () => (seen.state = "resolved"),
    (error) => Object.assign(seen, { state: "rejected", error }),
  );
  return seen;
}

// Deadlines are checked once the event loop has read its sockets (setImmediate, left real here):
// after the clock reaches a deadline, the check comes at the end of that turn of the loop.
const loopTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("Deadlines (one timer for the commands of a client or a breaker)", () => {
  beforeEach(() =>
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance", "Date"] }),
  );
  afterEach(() => vi.useRealTimers());

  it("times out each command at its own deadline, however many are out", async () => {
    const deadlines = new Deadlines(20);
    const first = watch(deadlines.within(hanging));
    await vi.advanceTimersByTimeAsync(5);
    const second = watch(deadlines.within(hanging));
    await vi.advanceTimersByTimeAsync(15);
    await loopTurn();
    expect(first.state).toBe("rejected");
    expect(first.error).toBeInstanceOf(RedisTimeoutError);
    expect(second.state).toBe("pending");
    await vi.advanceTimersByTimeAsync(4);
    await loopTurn();
    expect(second.state).toBe("pending");
    await vi.advanceTimersByTimeAsync(1);
    await loopTurn();
    expect(second.state).toBe("rejected");
  });

  it("never times out a command that answered, even behind one that did not", async () => {
    const deadlines = new Deadlines(20);
    let answer!: (value: string) => void;
    const stuck = watch(deadlines.within(hanging));
    const answered = deadlines.within(() => new Promise<string>((resolve) => (answer = resolve)));
    const seen = watch(answered);
    await vi.advanceTimersByTimeAsync(10);
    answer("PONG");
    await vi.advanceTimersByTimeAsync(30);
    await loopTurn();
    expect(stuck.state).toBe("rejected");
    expect(seen.state).toBe("resolved");
    expect(await answered).toBe("PONG");
  });

  // How a client uses it: the command is rejected by the callback, not through `within`.
  it("tells a tracked answer's callback that it timed out, and not one that settled", async () => {
    const deadlines = new Deadlines(20);
    const timedOut: string[] = [];
    let answer!: () => void;
    deadlines.track(hanging(), () => timedOut.push("hanging"));
    deadlines.track(new Promise<void>((resolve) => (answer = resolve)), () =>
      timedOut.push("answered"),
    );
    deadlines.track(Promise.reject(new Error("refused")), () => timedOut.push("refused"));
    await vi.advanceTimersByTimeAsync(10);
    answer();
    await vi.advanceTimersByTimeAsync(30);
    await loopTurn();
    expect(timedOut).toEqual(["hanging"]);
  });

  // As the client does: a command that times out is rejected by the timeout callback, so its
  // settle callback hears of the timeout like any other failure.
  it("tells a tracked answer's settle callback how it ended: answered, refused or timed out", async () => {
    const deadlines = new Deadlines(20);
    const settled: [string, unknown][] = [];
    const refused = new Error("refused");
    let rejectStuck!: (error: Error) => void;
    const stuck = new Promise<void>((_resolve, reject) => (rejectStuck = reject));
    deadlines.track(stuck, rejectStuck, (error) => settled.push(["stuck", error]));
    deadlines.track(
      Promise.resolve("PONG"),
      () => {},
      (error) => settled.push(["answered", error]),
    );
    deadlines.track(
      Promise.reject(refused),
      () => {},
      (error) => settled.push(["refused", error]),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toEqual([
      ["answered", undefined],
      ["refused", refused],
    ]);
    await vi.advanceTimersByTimeAsync(20);
    await loopTurn();
    expect(settled).toHaveLength(3);
    expect(settled[2][0]).toBe("stuck");
    expect(settled[2][1]).toBeInstanceOf(RedisTimeoutError);
  });

  it("keeps the process alive only while a command is out", async () => {
    const deadlines = new Deadlines(20);
    await deadlines.within(async () => 1);
    expect(vi.getTimerCount()).toBe(1); // left armed for the next command, but unref'd
    const timer = (deadlines as unknown as { timer: NodeJS.Timeout }).timer;
    expect(timer.hasRef()).toBe(false);
    const out = watch(deadlines.within(hanging));
    expect(timer.hasRef()).toBe(true);
    await vi.advanceTimersByTimeAsync(20);
    await loopTurn();
    expect(out.state).toBe("rejected");
    expect(vi.getTimerCount()).toBe(0);
  });
});
