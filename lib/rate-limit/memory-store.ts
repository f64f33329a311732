import type { Decision, RateLimitPolicy } from "./policy";

// The same two algorithms in this process's memory, used while Redis is unavailable. Limits then
// hold per process rather than across all of them, which beats refusing everyone or limiting
// no one. The map is bounded: expired entries go first, then the oldest.
type Window = { count: number; endsAt: number };
type Log = { hits: { at: number; member: string }[]; endsAt: number };
type Outcome = Omit<Decision, "store">;

export class MemoryStore {
  private readonly entries = new Map<string, Window | Log>();

  constructor(
    private readonly policy: RateLimitPolicy,
    private readonly maxKeys = 10_000,
  ) {}

  hit(key: string, nonce: string, now = Date.now()): Outcome {
    return this.policy.algorithm === "fixed-window"
      ? this.fixedWindow(key, now)
      : this.slidingLog(key, nonce, now);
  }

  remove(key: string, member: string): void {
    const log = this.entries.get(key);
    if (log && "hits" in log) log.hits = log.hits.filter((hit) => hit.member !== member);
  }

  get size(): number {
    return this.entries.size;
  }

  private fixedWindow(key: string, now: number): Outcome {
    const { limit, windowMs } = this.policy;
    let window = this.entries.get(key) as Window | undefined;
    if (!window || window.endsAt <= now) {
      window = { count: 0, endsAt: now + windowMs };
      this.store(key, window, now);
    }
    const allowed = window.count < limit;
    if (allowed) window.count += 1;
    return { allowed, limit, remaining: limit - window.count, resetMs: window.endsAt - now };
  }

  private slidingLog(key: string, nonce: string, now: number): Outcome {
    const { limit, windowMs } = this.policy;
    let log = this.entries.get(key) as Log | undefined;
    if (!log) {
      log = { hits: [], endsAt: 0 };
      this.store(key, log, now);
    }
    log.hits = log.hits.filter((hit) => hit.at > now - windowMs);
    let member: string | undefined;
    if (log.hits.length < limit) {
      member = `${now}-${nonce}`;
      log.hits.push({ at: now, member });
      log.endsAt = now + windowMs;
    }
    const oldest = log.hits[0]?.at ?? now;
    return {
      allowed: member !== undefined,
      limit,
      remaining: limit - log.hits.length,
      resetMs: oldest + windowMs - now,
      member,
    };
  }

  private store(key: string, entry: Window | Log, now: number): void {
    if (this.entries.size >= this.maxKeys) {
      for (const [k, e] of this.entries) if (e.endsAt <= now) this.entries.delete(k);
    }
    const oldest = this.entries.keys().next();
    if (this.entries.size >= this.maxKeys && !oldest.done) this.entries.delete(oldest.value);
    this.entries.set(key, entry);
  }
}
