// Hit and miss figures per namespace, shared by every process: each process counts in memory
// and adds its counts to one Redis hash (HINCRBY, pipelined) every flush interval, so a cache
// hit costs no extra round trip. Counts that cannot be written are kept for the next flush.
import type { Run } from "../redis/breaker";
import { outsideRequests } from "../util/request-context";

const FIELDS = ["hits", "misses", "stale", "loaderCalls", "errors"] as const;
export type Counter = (typeof FIELDS)[number];

export type CacheStats = Record<Counter, number> & { hitRate: number };

// Refreshed on every flush: the figures outlive any quiet spell shorter than this.
const STATS_TTL_MS = 30 * 24 * 3600 * 1000;

const zero = (): Record<Counter, number> => ({
  hits: 0,
  misses: 0,
  stale: 0,
  loaderCalls: 0,
  errors: 0,
});

export class Stats {
  private pending = zero();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: Run,
    private readonly key: string,
    private readonly flushMs: number,
    // Told each loader call's duration in ms (CacheOptions.onLoaderTimed).
    private readonly loaderTimed?: (durationMs: number) => void,
  ) {}

  /** Runs a loader, counted in loaderCalls and timed. */
  async load<T>(loader: () => T | Promise<T>): Promise<{ value: T; delta: number }> {
    this.count("loaderCalls");
    const started = performance.now();
    const value = await loader();
    const delta = performance.now() - started;
    this.loaderTimed?.(delta);
    return { value, delta };
  }

  count(counter: Counter): void {
    this.pending[counter] += 1;
    // unref: a pending flush never keeps the process alive.
    this.timer ??= outsideRequests(() =>
      setInterval(() => void this.flush(), this.flushMs).unref(),
    );
  }

  async flush(): Promise<void> {
    const batch = this.pending;
    if (FIELDS.every((field) => batch[field] === 0)) return;
    this.pending = zero();
    const written = await this.run((redis) => {
      const pipeline = redis.pipeline();
      for (const field of FIELDS)
        if (batch[field] > 0) pipeline.hincrby(this.key, field, batch[field]);
      return pipeline.pexpire(this.key, STATS_TTL_MS).exec();
    });
    if (!written.ok) for (const field of FIELDS) this.pending[field] += batch[field];
  }

  // The figures of every process, or null when Redis cannot be reached.
  async read(): Promise<CacheStats | null> {
    await this.flush();
    const answer = await this.run((redis) => redis.hgetall(this.key));
    if (!answer.ok) return null;
    const counts = zero();
    for (const field of FIELDS) counts[field] = Number(answer.value[field] ?? 0);
    const served = counts.hits + counts.stale;
    const lookups = served + counts.misses;
    return { ...counts, hitRate: lookups === 0 ? 0 : served / lookups };
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
