// Whether a setup answered its load as designed or by failing open. A data cache gives Redis
// CACHE_COMMAND_TIMEOUT_MS (100 ms) and the session store REDIS_COMMAND_TIMEOUT_MS (500 ms), from
// the command sent to its answer read: in a process whose event loop is saturated, an answer that
// waits its turn is late, so the page is served without the cache (from Postgres), or the member
// as signed out, and after five failures a breaker skips Redis for 5 s. None of that shows in a
// status, so each app process's blog_redis_command_duration_seconds (GET /api/metrics) is read
// before and after a stretch: the commands that took longer than the caches' timeout.
export const METRICS_TOKEN = "scale-benchmark-metrics-token-0123456789";

// The histogram bucket at the caches' timeout: blog_redis_command_duration_seconds' buckets
// (lib/platform/metrics.ts) have one at exactly 0.1 s.
const WITHIN = /^blog_redis_command_duration_seconds_bucket\{[^}]*le="0\.1"[^}]*\} (\d+)/gm;
const ALL = /^blog_redis_command_duration_seconds_count\{[^}]*\} (\d+)/gm;

export type Commands = { answered: number; late: number };

const sum = (text: string, pattern: RegExp) =>
  [...text.matchAll(pattern)].reduce((total, [, n]) => total + Number(n), 0);

/** Commands timed so far by the processes at `origins`, and how many of them over 100 ms. */
export async function timedCommands(origins: string[]): Promise<Commands> {
  let answered = 0;
  let within = 0;
  for (const origin of origins) {
    const response = await fetch(`${origin}/api/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`GET ${origin}/api/metrics answered ${response.status}`);
    answered += sum(text, ALL);
    within += sum(text, WITHIN);
  }
  return { answered, late: answered - within };
}

export const lateSince = (after: Commands, before: Commands): Commands => ({
  answered: after.answered - before.answered,
  late: after.late - before.late,
});
