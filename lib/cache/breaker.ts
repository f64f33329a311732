// The app's one fail-open policy for Redis (the cache's, reused by the limiter and the view
// counter). Each command may race a short timeout, so a slow or unreachable Redis costs the
// caller at most that long; after several failures in a row the circuit opens and Redis is
// skipped entirely for a cool-down, then a single probe command decides whether to close it
// again. Callers get { ok: false } and carry on without Redis. Failures are told apart by
// lib/redis/errors.ts, never by their message.
import type { Redis } from "ioredis";
import { errorMessage } from "../errors";
import { classifyRedisError, type RedisFailure, RedisTimeoutError } from "../redis/errors";

export type Outcome<T> = { ok: true; value: T } | { ok: false };
/** An Outcome that says why it failed: "circuit-open" when Redis was not even asked. */
export type Attempt<T> =
  | { ok: true; value: T }
  | { ok: false; failure: RedisFailure | "circuit-open"; error?: unknown };

export interface BreakerOptions {
  /** Give up on a command after this long; none: the client's own timeout decides. */
  commandTimeoutMs?: number;
  failureThreshold: number;
  cooldownMs: number;
  /** The clock of the cool-down (epoch ms). Default Date.now. */
  now?: () => number;
}

export type BreakerEvent = "redis-error" | "reply-error" | "circuit-open" | "circuit-closed";
/** Where the breaker reports; a RateLimitedLog, or an adapter that words it for its subsystem. */
export interface BreakerLog {
  warn(kind: BreakerEvent, message: string, error?: unknown): void;
}

const FAILED = { ok: false } as const;

export class Breaker {
  private failures = 0;
  private openUntil = 0; // 0: closed; otherwise open until then, half-open after
  private probing = false;

  constructor(
    private readonly options: BreakerOptions,
    private readonly log: BreakerLog,
    private readonly onError: () => void,
  ) {}

  async run<T>(command: () => Promise<T>): Promise<Outcome<T>> {
    const attempt = await this.attempt(command);
    return attempt.ok ? attempt : FAILED;
  }

  async attempt<T>(command: () => Promise<T>): Promise<Attempt<T>> {
    if (!this.allow()) {
      this.onError();
      return { ok: false, failure: "circuit-open" };
    }
    const isProbe = this.openUntil !== 0;
    try {
      const value = await this.withinTimeout(command);
      this.succeeded();
      return { ok: true, value };
    } catch (error) {
      return { ok: false, failure: this.failed(error, isProbe), error };
    } finally {
      if (isProbe) this.probing = false;
    }
  }

  // One promise, not a race of three: this is every command's path. A client factory that
  // throws inside the executor rejects it, so it fails open too.
  private withinTimeout<T>(command: () => Promise<T>): Promise<T> {
    const ms = this.options.commandTimeoutMs;
    if (ms === undefined) return Promise.resolve().then(command);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new RedisTimeoutError(ms)), ms);
      command().then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
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

  private failed(error: unknown, isProbe: boolean): RedisFailure {
    this.onError();
    const failure = classifyRedisError(error);
    const message = errorMessage(error);
    // Redis answered, with an error (WRONGTYPE, a script error...): a bug to report, but
    // proof that Redis is up, so it does not count towards opening the circuit.
    if (failure === "script-error") {
      this.succeeded();
      this.log.warn("reply-error", `Redis replied with an error: ${message}`, error);
      return failure;
    }
    this.log.warn("redis-error", `Redis command failed, served without cache: ${message}`, error);
    this.failures += 1;
    if (isProbe || this.failures >= this.options.failureThreshold) {
      this.openUntil = this.now() + this.options.cooldownMs;
      this.log.warn(
        "circuit-open",
        `circuit open: skipping Redis for ${this.options.cooldownMs} ms after ${this.failures} failures`,
      );
    }
    return failure;
  }
}

// How every module reaches Redis: a command on the client, through the breaker.
export type Run = <T>(command: (redis: Redis) => Promise<T>) => Promise<Outcome<T>>;
