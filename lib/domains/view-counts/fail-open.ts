import "server-only";
import { Breaker, ThrottledLog } from "@/lib/redis";
import { remember } from "@/lib/util/remember";

// The view counter fails open through the app's one breaker (lib/redis/breaker.ts), with no
// timeout of its own: the client's (REDIS_COMMAND_TIMEOUT_MS) decides, and the breaker says which
// failure it was. After a few failures in a row the circuit opens and views go straight to
// Postgres, asking Redis nothing, until a probe finds it back. A view sends two commands through
// it (the reader's mark, then the count), so a stalled Redis opens it after about three views.
export function viewsBreaker(): Breaker {
  return remember("viewsBreaker", () => {
    const log = new ThrottledLog();
    return new Breaker(
      { name: "views", failureThreshold: 5, cooldownMs: 5_000 },
      {
        // Each failed view logs itself (counter.ts); only the circuit's changes are news here.
        warn(kind, message) {
          if (kind === "circuit-open" || kind === "circuit-closed")
            log.warn(kind, `view counter: ${message}`);
        },
      },
      () => {},
    );
  });
}
