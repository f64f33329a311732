// A command timeout without a timer per command, for a client (lib/redis/client.ts) and for a
// breaker (lib/redis/breaker.ts). Arming and clearing a timer for every command cost 4 to 6% of a
// 1 kB GET's time on a small VM (against a raw ioredis GET, interleaved); a timer per timeout
// period costs next to nothing. Every command of one client or breaker has the same timeout, so
// deadlines fall in the order commands start, and one timer, set for the oldest command still
// out, serves them all.
import { RedisTimeoutError } from "./errors";

// `reject` is dropped once the command settles, so that a settled command's promise (and its
// value) is not kept until the timer comes round.
interface Waiter {
  deadline: number;
  reject: ((error: RedisTimeoutError) => void) | undefined;
}

export class Deadlines {
  private waiting: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  // Commands not yet settled. The timer keeps the process alive only while there are some, as
  // a timer per command did; it is left armed (unref'd) rather than cleared after each one.
  private outstanding = 0;

  constructor(private readonly ms: number) {}

  /** What `command` settles with, or a RedisTimeoutError once it has taken `ms`. */
  within<T>(command: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // A client factory that throws rejects this promise: never waited for, never timed out.
      const answer = command();
      const waiter = this.register(reject);
      // One reaction, not one for the deadline and one for the caller: this is a cache read's path.
      answer.then(
        (value) => {
          this.settle(waiter);
          resolve(value);
        },
        (error) => {
          this.settle(waiter);
          reject(error);
        },
      );
    });
  }

  /**
   * Calls `timedOut` with a RedisTimeoutError if `answer` has not settled within `ms`, and
   * `settled` (with the error, if it failed) once it has, in the same reaction.
   */
  track(
    answer: Promise<unknown>,
    timedOut: (error: RedisTimeoutError) => void,
    settled?: (error?: unknown) => void,
  ): void {
    const waiter = this.register(timedOut);
    answer.then(
      () => {
        this.settle(waiter);
        settled?.();
      },
      (error: unknown) => {
        this.settle(waiter);
        settled?.(error);
      },
    );
  }

  private register(timedOut: (error: RedisTimeoutError) => void): Waiter {
    const waiter: Waiter = { deadline: performance.now() + this.ms, reject: timedOut };
    this.waiting.push(waiter);
    if (this.outstanding++ === 0) this.timer?.ref();
    this.timer ??= setTimeout(this.expire, this.ms);
    return waiter;
  }

  private settle(waiter: Waiter): void {
    if (waiter.reject === undefined) return; // timed out already
    waiter.reject = undefined;
    if (--this.outstanding === 0) this.timer?.unref();
  }

  // A process busy past a deadline may already hold the answer, unread: timers run before the
  // event loop reads its sockets. So the deadlines are checked once the loop has read them
  // (setImmediate runs after that phase), and a command answered in time is not timed out.
  private readonly expire = (): void => void setImmediate(this.expireDue);

  // Times out every command past its deadline, forgets the settled ones before the first that is
  // still in time, and waits for that one's deadline.
  private readonly expireDue = (): void => {
    this.timer = undefined;
    const now = performance.now();
    let passed = 0;
    for (const waiter of this.waiting) {
      if (waiter.reject !== undefined && waiter.deadline > now) break;
      const reject = waiter.reject;
      if (reject !== undefined) {
        this.settle(waiter);
        reject(new RedisTimeoutError(this.ms));
      }
      passed += 1;
    }
    this.waiting = this.waiting.slice(passed);
    const next = this.waiting[0];
    // The first left is a command still out: the new timer keeps the process alive, as it should.
    if (next) this.timer = setTimeout(this.expire, Math.max(1, Math.ceil(next.deadline - now)));
  };
}
