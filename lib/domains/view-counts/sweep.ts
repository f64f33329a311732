import "server-only";
import { flushViews } from "@/lib/domains/view-counts/flush";
import { DIRTY_SET } from "@/lib/domains/view-counts/keys";
import { pruneViewFlushes } from "@/lib/domains/view-counts/mutations";
import { env } from "@/lib/platform/env";
import { redis } from "@/lib/platform/redis";
import { errorMessage } from "@/lib/util/error-message";
import { logger } from "@/lib/util/logger";
import { remember } from "@/lib/util/remember";

const FLUSH_RECORDS_KEPT_DAYS = 7;

/**
 * Flushes every post whose pending views stopped short of the flush threshold, and batches left
 * in flight by a failure. Returns how many views it moved to Postgres.
 */
export async function flushAllViews(): Promise<number> {
  const ids = (await redis().smembers(DIRTY_SET)).map(Number);
  let moved = 0;
  for (const id of ids) {
    try {
      moved += await flushViews(id);
    } catch (error) {
      logger.warn("view flush failed; will retry", { postId: id, error: errorMessage(error) });
    }
  }
  return moved;
}

// One sweeper per process; every process may sweep, the flush protocol makes that safe.
export function startViewSweeper(): void {
  remember("viewSweep", () => {
    let sweeps = 0;
    return setInterval(() => {
      sweeps += 1;
      flushAllViews()
        .then(() => (sweeps % 120 === 0 ? pruneViewFlushes(FLUSH_RECORDS_KEPT_DAYS) : undefined))
        .catch((error) => logger.warn("view sweep skipped", { error: errorMessage(error) }));
    }, env().VIEW_SWEEP_SECONDS * 1000).unref();
  });
}

// On SIGTERM/SIGINT the pending views go to Postgres before the process ends. `next start`
// exits on those signals as soon as its server is closed, before this could finish, unless
// NEXT_MANUAL_SIG_HANDLE is set: our start scripts set it, and this handler then ends the process.
export function flushViewsOnShutdown(): void {
  const flushThenExit = (signal: NodeJS.Signals) => {
    const code = signal === "SIGINT" ? 130 : 143;
    const deadline = setTimeout(() => process.exit(code), 5_000);
    flushAllViews()
      .then((moved) => logger.info("flushed pending views before shutdown", { signal, moved }))
      .catch((error) =>
        logger.warn("could not flush views before shutdown", { error: errorMessage(error) }),
      )
      .finally(() => {
        clearTimeout(deadline);
        process.exit(code);
      });
  };
  process.once("SIGTERM", flushThenExit);
  process.once("SIGINT", flushThenExit);
}
