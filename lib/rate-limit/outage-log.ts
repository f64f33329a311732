// While Redis is down every request would fail over: the log says so once per interval, with
// the number of failures in between, and once when Redis answers again.
export type RateLimitLogger = { warn(message: string, fields?: Record<string, unknown>): void };

export class OutageLog {
  private down = false;
  private lastLoggedAt = -Infinity;
  private failuresSinceLog = 0;

  constructor(
    private readonly logger: RateLimitLogger,
    private readonly policyName: string,
    private readonly intervalMs: number,
  ) {}

  failed(error: unknown, now = Date.now()): void {
    this.down = true;
    this.failuresSinceLog += 1;
    if (now - this.lastLoggedAt < this.intervalMs) return;
    this.logger.warn("rate limiter: Redis unavailable, limiting in this process's memory", {
      policy: this.policyName,
      error: error instanceof Error ? error.message : String(error),
      failures: this.failuresSinceLog,
    });
    this.lastLoggedAt = now;
    this.failuresSinceLog = 0;
  }

  succeeded(): void {
    if (!this.down) return;
    this.down = false;
    this.lastLoggedAt = -Infinity;
    this.failuresSinceLog = 0;
    this.logger.warn("rate limiter: Redis answers again, limiting in Redis", {
      policy: this.policyName,
    });
  }
}
