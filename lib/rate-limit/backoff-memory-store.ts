import type { Attempted, BackoffPolicy } from "./policy";

type Entry = { failures: number; next: number; expiresAt: number };

// The backoff rule of ./backoff.ts in this process's memory while Redis is unavailable, with the
// same answers as its script. The map is bounded: the oldest entry goes first.
export class BackoffMemoryStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: BackoffPolicy,
    private readonly maxKeys: number,
  ) {}

  attempt(key: string, now = Date.now()): Attempted {
    let entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= now) entry = { failures: 0, next: 0, expiresAt: 0 };
    if (now < entry.next) return [0, entry.next - now, entry.failures, entry.next];
    const failures = entry.failures + 1;
    const delay = this.delayAfter(failures);
    this.entries.delete(key);
    const oldest = this.entries.keys().next();
    if (this.entries.size >= this.maxKeys && !oldest.done) this.entries.delete(oldest.value);
    this.entries.set(key, {
      failures,
      next: now + delay,
      expiresAt: now + this.policy.windowMs + delay,
    });
    return [1, delay, failures, now + delay];
  }

  // Takes back the failure counted by the attempt that set `next` at `now`, unless a later one
  // has moved `next` on since.
  undo(key: string, next: number, now: number): void {
    const entry = this.entries.get(key);
    if (!entry || entry.next !== next) return;
    entry.failures -= 1;
    entry.next = now;
    if (entry.failures <= 0) this.entries.delete(key);
  }

  private delayAfter(failures: number): number {
    const { limit: free, baseDelayMs, maxDelayMs } = this.policy;
    return failures > free ? Math.min(maxDelayMs, baseDelayMs * 2 ** (failures - free - 1)) : 0;
  }
}
