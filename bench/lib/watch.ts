// Two watchers that run beside a request, each sampling every BENCH_POLL_MS (50 ms):
// - the server's responsiveness: `/api/health` asked again 50 ms after each answer; the longest
//   wait for any answer is the longest time the server answered nothing (its event loop
//   stalled, or it died); health's own probes give up after 1 s, so a busy database alone does
//   not make a long wait. A stall that starts just after an answer shows up to one interval
//   shorter than it was;
// - Postgres: the longest-running active statement of the benchmark's database, read from
//   pg_stat_activity (clock_timestamp() - query_start). A statement shorter than the sampling
//   interval may be missed: figures under the interval mean "nothing long".
import type pg from "pg";

const INTERVAL_MS = Number(process.env.BENCH_POLL_MS ?? 50);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Watched = { stallMs: number; statementMs: number };

export class Watch {
  private running = false;
  private stallMs = 0;
  private statementMs = 0;
  private waitingSince: number | undefined;
  private pending = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly origin: string,
    private readonly sql: pg.Client,
    private readonly database: string,
  ) {}

  start(): void {
    this.running = true;
    this.stallMs = 0;
    this.statementMs = 0;
    this.waitingSince = undefined;
    this.loops = [this.pollHealth(), this.pollStatements()];
  }

  /** Stops both loops; a health request still unanswered counts for as long as it has waited. */
  async stop(): Promise<Watched> {
    this.running = false;
    if (this.waitingSince !== undefined)
      this.stallMs = Math.max(this.stallMs, performance.now() - this.waitingSince);
    this.pending.abort();
    await Promise.all(this.loops);
    return { stallMs: this.stallMs, statementMs: this.statementMs };
  }

  // The wait runs from the first request after the last answer to the next answer,
  // so a server that refuses connections (it crashed) counts as stalled too.
  private async pollHealth(): Promise<void> {
    while (this.running) {
      this.waitingSince ??= performance.now();
      this.pending = new AbortController();
      const answered = await fetch(`${this.origin}/api/health`, {
        signal: this.pending.signal,
      }).then(
        () => true,
        () => false,
      );
      if (!this.running) return; // stop() has counted the wait
      if (answered) {
        this.stallMs = Math.max(this.stallMs, performance.now() - this.waitingSince);
        this.waitingSince = undefined;
      }
      await sleep(INTERVAL_MS);
    }
  }

  private async pollStatements(): Promise<void> {
    while (this.running) {
      const { rows } = await this.sql.query<{ ms: number | null }>(
        `SELECT max(extract(epoch FROM clock_timestamp() - query_start)) * 1000 AS ms
         FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()`,
        [this.database],
      );
      this.statementMs = Math.max(this.statementMs, Number(rows[0]?.ms ?? 0));
      await sleep(INTERVAL_MS);
    }
  }
}

/** Cancels whatever the benchmark's database is still running (after a timed-out request). */
export async function cancelStatements(sql: pg.Client, database: string): Promise<void> {
  await sql.query(
    `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()`,
    [database],
  );
}
