// While Redis is down every request fails the same way: a warning per request would flood the
// log. Each kind of warning is let through at most once per interval, and the next one says how
// many were held back in between (`suppressed`). The one throttled log of the app: the cache
// library, the page cache, the limiter, the view counter, realtime and the admin's sampler use it.
import { logger as appLogger } from "../util/logger";

/** Where warnings go: the app's logger, console, or a test's recorder. */
export type WarnLogger = { warn(message: string, fields?: Record<string, unknown>): void };

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

export interface ThrottledLogOptions {
  intervalMs?: number;
  /** Put before every message, to say which part of the app speaks: "[cache cache:api] ". */
  prefix?: string;
}

/** A structured warning per kind per interval; `suppressed` counts the ones held back. */
export class ThrottledLog {
  private readonly throttle: Throttle;
  private readonly prefix: string;

  constructor(
    private readonly logger: WarnLogger = appLogger,
    { intervalMs = 30_000, prefix = "" }: ThrottledLogOptions = {},
  ) {
    this.throttle = new Throttle(intervalMs);
    this.prefix = prefix;
  }

  warn(kind: string, message: string, fields?: Record<string, unknown>): void {
    const held = this.throttle.pass(kind);
    if (held === undefined) return;
    // No empty {} for a console logger to print after every message.
    const all = held > 0 ? { ...fields, suppressed: held } : fields;
    this.logger.warn(`${this.prefix}${message}`, ...(all ? [all] : []));
  }

  /** The next warning of this kind is written at once, whenever it comes. */
  forget(kind: string): void {
    this.throttle.forget(kind);
  }
}
