// While Redis is down every request fails the same way: a warning per request would flood the
// log. Each kind of warning is let through at most once per interval, and the next one says how
// many were held back in between. The cache, the limiter, realtime and the admin's sampler all
// throttle their warnings with this.
import { logger as appLogger } from "@/lib/util/logger";

export class Throttle {
  private readonly last = new Map<string, { at: number; held: number }>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** undefined: hold this one back. Otherwise: let it through; how many were held back before it. */
  pass(kind: string): number | undefined {
    const now = this.now();
    const seen = this.last.get(kind);
    if (seen && now - seen.at < this.intervalMs) {
      seen.held += 1;
      return undefined;
    }
    this.last.set(kind, { at: now, held: 0 });
    return seen?.held ?? 0;
  }

  /** The next warning of this kind goes through at once (a new outage is news). */
  forget(kind: string): void {
    this.last.delete(kind);
  }
}

export type StructuredLogger = {
  warn(message: string, fields?: Record<string, unknown>): void;
};

/** A structured warning per kind per interval; `suppressed` counts the ones held back. */
export class ThrottledLog {
  private readonly throttle: Throttle;

  constructor(
    intervalMs = 30_000,
    private readonly logger: StructuredLogger = appLogger,
  ) {
    this.throttle = new Throttle(intervalMs);
  }

  warn(kind: string, message: string, fields: Record<string, unknown> = {}): void {
    const held = this.throttle.pass(kind);
    if (held === undefined) return;
    this.logger.warn(message, { ...fields, ...(held > 0 && { suppressed: held }) });
  }
}
