// Fail-open access to Redis. Each command races a short timeout, so a slow or unreachable
// Redis costs the caller at most that long; after several connection failures in a row the
// circuit opens and Redis is skipped entirely for a cool-down, then a single probe command
// decides whether to close it again. Callers get { ok: false } and carry on without the cache.
import type { Redis } from "ioredis";
import type { RateLimitedLog } from "./log";

export type Outcome<T> = { ok: true; value: T } | { ok: false };

export interface BreakerOptions {
  commandTimeoutMs: number;
  failureThreshold: number;
  cooldownMs: number;
  /** The clock of the cool-down (epoch ms). Default Date.now. */
  now?: () => number;
}

const FAILED = { ok: false } as const;

export class Breaker {
  private failures = 0;
  private openUntil = 0; // 0: closed; otherwise open until then, half-open after
  private probing = false;

  constructor(
    private readonly options: BreakerOptions,
    private readonly log: RateLimitedLog,
    private readonly onError: () => void,
  ) {}

  async run<T>(command: () => Promise<T>): Promise<Outcome<T>> {
    if (!this.allow()) {
      this.onError();
      return FAILED;
    }
    const isProbe = this.openUntil !== 0;
    const ms = this.options.commandTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      // One promise, not a race of three (this is every command's path). A client factory
      // that throws inside the executor rejects it, so it fails open too.
      const value = await new Promise<T>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
        command().then(resolve, reject);
      });
      this.succeeded();
      return { ok: true, value };
    } catch (error) {
      this.failed(error, isProbe);
      return FAILED;
    } finally {
      clearTimeout(timer);
      if (isProbe) this.probing = false;
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private allow(): boolean {
    if (this.openUntil === 0) return true;
    if (this.now() < this.openUntil || this.probing) return false;
    this.probing = true;
    return true;
  }

  private succeeded(): void {
    if (this.openUntil !== 0)
      this.log.warn("circuit-closed", "Redis answers again; caching resumed");
    this.failures = 0;
    this.openUntil = 0;
  }

  private failed(error: unknown, isProbe: boolean): void {
    this.onError();
    const message = error instanceof Error ? error.message : String(error);
    // Redis answered, with an error (WRONGTYPE, a script error...): a bug to report, but
    // proof that Redis is up, so it does not count towards opening the circuit.
    if (error instanceof Error && error.name === "ReplyError") {
      this.succeeded();
      this.log.warn("reply-error", `Redis replied with an error: ${message}`);
      return;
    }
    this.log.warn("redis-error", `Redis command failed, served without cache: ${message}`);
    this.failures += 1;
    if (isProbe || this.failures >= this.options.failureThreshold) {
      this.openUntil = this.now() + this.options.cooldownMs;
      this.log.warn(
        "circuit-open",
        `circuit open: skipping Redis for ${this.options.cooldownMs} ms after ${this.failures} failures`,
      );
    }
  }
}

// How every module reaches Redis: a command on the client, through the breaker.
export type Run = <T>(command: (redis: Redis) => Promise<T>) => Promise<Outcome<T>>;
