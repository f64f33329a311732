import { Breaker } from "@/lib/redis/breaker";
import { OutageLog, type RateLimitLogger } from "./outage-log";

// A limiter fails open to this process's memory through the app's one breaker: a failure opens
// the circuit at once, so an outage costs one client timeout now and then (one probe per
// cool-down) instead of one per request. No timeout of its own: the client's decides.
export function limiterBreaker(
  policyName: string,
  options: { logger: RateLimitLogger; cooldownMs: number; logIntervalMs: number },
): { breaker: Breaker; outage: OutageLog } {
  const outage = new OutageLog(options.logger, policyName, options.logIntervalMs);
  const breaker = new Breaker(
    { failureThreshold: 1, cooldownMs: options.cooldownMs },
    {
      warn(kind, _message, error) {
        if (kind === "redis-error" || kind === "reply-error") outage.failed(error);
      },
    },
    () => {},
  );
  return { breaker, outage };
}
