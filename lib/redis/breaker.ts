// The app's one fail-open policy for Redis (the cache's, reused by the limiter and the view
// counter). Each command may race a short timeout, so a slow or unreachable Redis costs the
// caller at most that long; after several failures in a row the circuit opens and Redis is
// skipped entirely for a cool-down, then a single probe command decides whether to close it
// again. Callers get { ok: false } and carry on without Redis. Failures are told apart by
// lib/redis/errors.ts, never by their message.

import { errorMessage } from "../util/error-message";
import { remember } from "../util/remember";
import type { RedisClient } from "./client";
import { Deadlines } from "./deadlines";
import { classifyRedisError, type RedisFailure } from "./errors";

export type Outcome<T> = { ok: true; value: T } | { ok: false };
/** An Outcome that says why it failed: "circuit-open" when Redis was not even asked. */
export type Attempt<T> =
  | { ok: true; value: T }
  | { ok: false; failure: RedisFailure | "circuit-open"; error?: unknown };

export interface BreakerOptions {
  /** Named breakers are listed by breakerStates() (GET /api/metrics), one per name. */
  name?: string;
  /** Give up on a command after this long; none: the client's own timeout decides. */
  commandTimeoutMs?: number;
  failureThreshold: number;
  cooldownMs: number;
  /** The clock of the cool-down (epoch ms). Default Date.now. */
  now?: () => number;
}

type BreakerEvent = "redis-error" | "reply-error" | "circuit-open" | "circuit-closed";
/**
 * Where the breaker reports: a ThrottledLog, or an adapter that words it for its subsystem.
 * `fields.error` is the failed command's error message.
 */
export interface BreakerLog {
  warn(kind: BreakerEvent, message: string, fields?: { error: string }): void;
}

const FAILED = { ok: false } as const;

/** Closed: Redis is asked. Open: skipped for the cool-down. Half-open: one probe may ask. */
export type BreakerState = "closed" | "open" | "half-open";

// The process's named breakers, whichever bundle made them (Next's routes and server.ts's page
// cache are bundled apart); a breaker made again under a name replaces the last.
const named = remember("breakers", () => new Map<string, Breaker>());

export function breakerStates(): { name: string; state: BreakerState }[] {
  return [...named].map(([name, breaker]) => ({ name, state: breaker.state() }));
}

export class Breaker {
  private failures = 0;
  private openUntil = 0; // 0: closed; otherwise open until then, half-open after
  private probing = false;
  private readonly deadlines: Deadlines | undefined;

  constructor(
    private readonly options: BreakerOptions,
    private readonly log: BreakerLog,
    private readonly onError: () => void,
  ) {
    const ms = options.commandTimeoutMs;
    this.deadlines = ms === undefined ? undefined : new Deadlines(ms);
    if (options.name) named.set(options.name, this);
  }

  state(): BreakerState {
    if (this.openUntil === 0) return "closed";
    return this.now() < this.openUntil ? "open" : "half-open";
  }

  // Every cache command's path. With the circuit closed no probe is out, so there is nothing
  // to clean up afterwards, and handlers made once serve every command: one promise layer past
  // the timeout's, where an async run() awaiting attempt() took two.
  run<T>(command: () => Promise<T>): Promise<Outcome<T>> {
    if (this.openUntil !== 0) return this.attempt(command).then(asOutcome);
    return this.withinTimeout(command).then(this.passed, this.caught) as Promise<Outcome<T>>;
  }

  private readonly passed = (value: unknown): Outcome<unknown> => {
    this.succeeded();
    return { ok: true, value };
  };

  private readonly caught = (error: unknown): Outcome<never> => {
    this.failed(error, false);
    return FAILED;
  };

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

  // A client factory that throws rejects the promise, so it fails open too.
  private withinTimeout<T>(command: () => Promise<T>): Promise<T> {
    return this.deadlines ? this.deadlines.within(command) : Promise.resolve().then(command);
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
      this.log.warn("reply-error", `Redis replied with an error: ${message}`, { error: message });
      return failure;
    }
    this.log.warn("redis-error", `Redis command failed, served without cache: ${message}`, {
      error: message,
    });
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

function asOutcome<T>(attempt: Attempt<T>): Outcome<T> {
  return attempt.ok ? attempt : FAILED;
}

// How every module reaches Redis: a command on the client, through the breaker.
export type Run = <T>(command: (redis: RedisClient) => Promise<T>) => Promise<Outcome<T>>;
