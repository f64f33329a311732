import { Throttle } from "@/lib/redis/throttled-log";
import { errorMessage } from "@/lib/util/error-message";

// While Redis is down every request would fail over: the log says so once per interval, with
// the number of failures in between, and once when Redis answers again.
export type RateLimitLogger = { warn(message: string, fields?: Record<string, unknown>): void };

const DOWN = "down";

export class OutageLog {
  private down = false;
  private readonly throttle: Throttle;

  constructor(
    private readonly logger: RateLimitLogger,
    private readonly policyName: string,
    intervalMs: number,
  ) {
    this.throttle = new Throttle(intervalMs);
  }

  failed(error: unknown): void {
    this.down = true;
    const held = this.throttle.pass(DOWN);
    if (held === undefined) return;
    this.logger.warn("rate limiter: Redis unavailable, limiting in this process's memory", {
      policy: this.policyName,
      error: errorMessage(error),
      failures: held + 1,
    });
  }

  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.throttle.forget(DOWN);
    this.logger.warn("rate limiter: Redis answers again, limiting in Redis", {
      policy: this.policyName,
    });
  }
}
