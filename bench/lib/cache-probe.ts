// A reader asking for the same few anonymous pages over and over, beside a benchmark's load, to
// see what the page cache did with each (X-Cache) and when: one loop per page, each asking again
// PROBE_MS after an answer. Its requests are not the load's and are reported apart.

const PROBE_MS = 100;
const TIMEOUT_MS = 30_000;
const SERVED_FROM_CACHE = new Set(["HIT", "STALE"]);

export type ProbeAnswer = {
  /** When it was sent (epoch ms). */
  at: number;
  status: number | string;
  /** X-Cache: HIT, STALE, MISS, BYPASS, or "" when there was no answer. */
  cache: string;
  ms: number;
};

export const fromCache = (answer: ProbeAnswer) => SERVED_FROM_CACHE.has(answer.cache);

export class CacheProbe {
  private running = false;
  private loops: Promise<void>[] = [];
  readonly answers = new Map<string, ProbeAnswer[]>();

  constructor(
    private readonly origin: string,
    private readonly paths: string[],
  ) {
    for (const path of paths) this.answers.set(path, []);
  }

  start(): void {
    this.running = true;
    this.loops = this.paths.map((path) => this.follow(path));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  /** Asks each page until it comes from the cache, so a probe starts warm; throws if it never does. */
  async warm(timeoutMs = 20_000): Promise<void> {
    for (const path of this.paths) {
      const deadline = Date.now() + timeoutMs;
      while (!fromCache(await this.ask(path))) {
        if (Date.now() > deadline) throw new Error(`${path} never came from the page cache`);
        await new Promise((resolve) => setTimeout(resolve, PROBE_MS));
      }
    }
  }

  private async follow(path: string): Promise<void> {
    while (this.running) {
      this.answers.get(path)?.push(await this.ask(path));
      await new Promise((resolve) => setTimeout(resolve, PROBE_MS));
    }
  }

  private async ask(path: string): Promise<ProbeAnswer> {
    const answer: ProbeAnswer = { at: Date.now(), status: "no answer", cache: "", ms: 0 };
    const started = performance.now();
    try {
      const response = await fetch(`${this.origin}${path}`, {
        headers: { accept: "text/html", "accept-encoding": "gzip, br" },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.arrayBuffer();
      answer.status = response.status;
      answer.cache = response.headers.get("x-cache") ?? "";
    } catch (error) {
      const cause = (error as Error).cause as { code?: string } | undefined;
      answer.status =
        (error as Error).name === "TimeoutError" ? "no answer" : (cause?.code ?? "error");
    }
    answer.ms = performance.now() - started;
    return answer;
  }
}

export type CacheReturn = {
  missedMs?: number;
  firstMs?: number;
  steadyMs?: number;
  missed: number;
};

/**
 * Between `since` and `until` (epoch ms, when sent): when the page first did not come from the
 * cache, when it first came from it again (at once, when it never stopped) and when it did so for
 * good (after its last answer that did not), in ms after `since`, undefined when it never did;
 * and how many answers did not come from the cache.
 */
export function cacheReturn(
  answers: ProbeAnswer[],
  since: number,
  until = Number.POSITIVE_INFINITY,
): CacheReturn {
  const after = answers.filter((a) => a.at >= since && a.at < until);
  const firstMiss = after.findIndex((a) => !fromCache(a));
  const firstHit = after.find((a, i) => i > firstMiss && fromCache(a));
  const lastMiss = after.findLastIndex((a) => !fromCache(a));
  const steady = after.slice(lastMiss + 1)[0];
  return {
    missedMs: firstMiss < 0 ? undefined : after[firstMiss].at - since,
    firstMs: firstHit && firstHit.at - since,
    steadyMs: steady && steady.at - since,
    missed: after.filter((a) => !fromCache(a)).length,
  };
}
