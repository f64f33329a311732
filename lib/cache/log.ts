// A cache that fails open must not flood the logs while Redis is down: each kind of message
// is written at most once per interval (lib/redis/throttled-log.ts), with a count of the ones
// held back, in the cache's own one-line format.
import { Throttle } from "../redis/throttled-log";

export interface CacheLogger {
  warn(message: string): void;
}

export class RateLimitedLog {
  private readonly throttle: Throttle;

  constructor(
    private readonly logger: CacheLogger,
    private readonly prefix: string,
    intervalMs: number,
  ) {
    this.throttle = new Throttle(intervalMs);
  }

  warn(kind: string, message: string): void {
    const held = this.throttle.pass(kind);
    if (held === undefined) return;
    const note = held > 0 ? ` (${held} similar messages suppressed)` : "";
    this.logger.warn(`[cache ${this.prefix}] ${message}${note}`);
  }
}
