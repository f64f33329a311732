import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { env } from "@/lib/platform/env";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";
import { within } from "@/lib/util/within";

// What a write does once Postgres has committed it (its activity line, the cache entries it makes
// wrong, its live event) runs in order, but the request waits for it at most AFTER_WRITE_WAIT_MS.
// Each step fails open within its own Redis timeout, yet in a row they add up: seconds under a
// stalled Redis. What is left finishes without the request, bounded by those same timeouts.
// Decision 022.

// Set inside a wait: a change's invalidation (settle) within a write's follow-up is part of it,
// and waiting for it apart would let the next step (the announcement) run before it is done.
const waiting = new AsyncLocalStorage<true>();

export async function afterWrite(
  reason: string,
  work: () => Promise<unknown>,
  waitMs = env().AFTER_WRITE_WAIT_MS,
): Promise<void> {
  if (waiting.getStore()) {
    await work(); // the outer wait covers it
    return;
  }
  const running = waiting.run(true, () => Promise.resolve().then(work));
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
