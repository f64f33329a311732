import { Breaker, ThrottledLog, type WarnLogger } from "@/lib/redis";

// A limiter fails open to this process's memory through a breaker of its own (the toolkit's
// Breaker, one per policy, so one policy's outage does not silence another's log): a failure opens
// the circuit at once, so an outage costs one client timeout now and then (one probe per
// cool-down) instead of one per request. No timeout of its own: the client's decides.
// While Redis is down every request would fail over: the log says so once per interval (with
// the number held back in between), and once when Redis answers again.
export interface LimiterFailOpen {
  breaker: Breaker;
  /** Called after a decision made in Redis: logs the end of an outage, once. */
  answered(): void;
}

const DOWN = "down";

export function limiterBreaker(
  policyName: string,
  options: { logger: WarnLogger; cooldownMs: number; logIntervalMs: number },
): LimiterFailOpen {
  const log = new ThrottledLog(options.logger, { intervalMs: options.logIntervalMs });
  let down = false;
  const breaker = new Breaker(
    { name: `rate-limit:${policyName}`, failureThreshold: 1, cooldownMs: options.cooldownMs },
    {
      warn(kind, _message, fields) {
        if (kind !== "redis-error" && kind !== "reply-error") return;
        down = true;
        log.warn(DOWN, "rate limiter: Redis unavailable, limiting in this process's memory", {
          policy: policyName,
          error: fields?.error,
        });
      },
    },
    () => {},
  );
  // Once per outage (`down`), so never held back: a recovery always follows its logged outage.
  function answered(): void {
    if (!down) return;
    down = false;
    log.forget(DOWN);
    options.logger.warn("rate limiter: Redis answers again, limiting in Redis", {
      policy: policyName,
    });
  }
  return { breaker, answered };
}
