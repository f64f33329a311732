import "server-only";
import { env } from "@/lib/platform/env";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";
import { within } from "@/lib/util/within";

// What a write does once Postgres has committed it (its activity line, the cache entries it makes
// wrong, its live event) runs in order, but the request waits for it at most AFTER_WRITE_WAIT_MS.
// Each step fails open within its own Redis timeout, yet in a row they add up: seconds under a
// stalled Redis. What is left finishes without the request, bounded by those same timeouts.
// Decision 022. Only mutations call it, once per write, around everything that follows the
// commit; the invalidation they call (lib/blog/invalidation/) does not wait on its own.

export async function afterWrite(
  reason: string,
  work: () => Promise<unknown>,
  waitMs = env().AFTER_WRITE_WAIT_MS,
): Promise<void> {
  const running = Promise.resolve().then(work);
  // A failure within the wait is the request's, as it always was; one after it is logged.
  const outcome = await within(
    running.then(() => "done" as const),
    waitMs,
    "late" as const,
  );
  if (outcome === "done") return;
  logger.warn("work after a write still running; the write answers without it", {
    reason,
    waitedMs: waitMs,
  });
  running.catch((error: unknown) =>
    logger.error("work after a write failed after its answer", {
      reason,
      error: errorMessage(error),
    }),
  );
}
