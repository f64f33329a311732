// A cache that fails open must not flood the logs while Redis is down: each kind of message
// is written at most once per interval, with a count of the ones held back.

export interface CacheLogger {
  warn(message: string): void;
}

export class RateLimitedLog {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly logger: CacheLogger,
    private readonly prefix: string,
    private readonly intervalMs: number,
  ) {}

  warn(kind: string, message: string): void {
    const now = Date.now();
    const seen = this.last.get(kind);
    if (seen && now - seen.at < this.intervalMs) {
      seen.suppressed += 1;
      return;
    }
    const held = seen?.suppressed ? ` (${seen.suppressed} similar messages suppressed)` : "";
    this.last.set(kind, { at: now, suppressed: 0 });
    this.logger.warn(`[cache ${this.prefix}] ${message}${held}`);
  }
}
