import "server-only";
import { randomBytes } from "node:crypto";
import { redis } from "@/lib/platform/redis";
import { Breaker, luaScript, ThrottledLog } from "@/lib/redis";
import { remember } from "@/lib/util/remember";
import { outsideRequests } from "@/lib/util/request-context";

// A reader's event streams counted in Redis, so that SSE_MAX_PER_IDENTITY holds across every app
// process behind the load balancer (docs/decisions/031), not once per process. Each open stream
// holds a lease: a member of `sse:streams:<identity>` (a sorted set) scored with when it runs
// out. The process renews its leases while their streams are open and removes each when it
// closes; a process that dies without closing them stops renewing, and its leases run out after
// a minute (LEASE), so a crash never keeps a reader out for longer than that. With Redis away, the
// process's own count decides (lib/realtime/admission.ts): then each process allows the limit.

const LEASE = { leaseMs: 60_000, renewEveryMs: 20_000 };
const KEY_PREFIX = "sse:streams:";

// The key itself goes a lease's length after the last lease was taken or renewed by any process (by
// Redis' clock: the processes' clocks may differ a little, and no process may cut another's short).
// KEYS[1] the identity's leases; ARGV: now, the new lease's end, the limit, its id, a lease's length.
const takeLease = luaScript<number>(`
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
  if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[5])
  return 1
`);

// KEYS[1] the identity's leases; ARGV: a lease's length, their new end, then the ids this process holds.
const renewLeases = luaScript<number>(`
  for i = 3, #ARGV do redis.call('ZADD', KEYS[1], 'XX', ARGV[2], ARGV[i]) end
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  return 1
`);

/** "taken": counted in Redis, to be released; "full": the reader has their limit everywhere; "unknown": Redis did not answer. */
export type LeaseAnswer = { status: "taken"; release: () => void } | { status: "full" | "unknown" };

export class StreamLeases {
  // Per identity, the ids of the leases this process holds, renewed together.
  private readonly held = new Map<string, Set<string>>();
  private renewer: NodeJS.Timeout | undefined;

  constructor(
    private readonly limit: number,
    private readonly breaker: Breaker,
    private readonly now: () => number = Date.now,
    private readonly timing = LEASE,
  ) {}

  async take(identity: string): Promise<LeaseAnswer> {
    const id = randomBytes(8).toString("base64url");
    const now = this.now();
    const { leaseMs } = this.timing;
    const answer = await this.breaker.run(() =>
      takeLease(redis(), [KEY_PREFIX + identity], [now, now + leaseMs, this.limit, id, leaseMs]),
    );
    if (!answer.ok) return { status: "unknown" };
    if (answer.value !== 1) return { status: "full" };
    this.hold(identity, id);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.drop(identity, id);
      void this.breaker.run(() => redis().zrem(KEY_PREFIX + identity, id));
    };
    return { status: "taken", release };
  }

  /** Whether the reader has room for another stream anywhere; undefined when Redis did not answer. */
  async hasRoom(identity: string): Promise<boolean | undefined> {
    const answer = await this.breaker.run(() =>
      redis().zcount(KEY_PREFIX + identity, this.now(), "+inf"),
    );
    return answer.ok ? answer.value < this.limit : undefined;
  }

  private hold(identity: string, id: string): void {
    const ids = this.held.get(identity) ?? new Set<string>();
    ids.add(id);
    this.held.set(identity, ids);
    // Not a request's work: made outside the request that opened the first stream.
    this.renewer ??= outsideRequests(() =>
      setInterval(() => this.renew(), this.timing.renewEveryMs).unref(),
    );
  }

  private drop(identity: string, id: string): void {
    const ids = this.held.get(identity);
    ids?.delete(id);
    if (ids?.size === 0) this.held.delete(identity);
    if (this.held.size === 0) {
      clearInterval(this.renewer);
      this.renewer = undefined;
    }
  }

  // A renewal that fails leaves the leases to run out: the streams stay open, and the reader's
  // count in Redis is lower than it is for a while, as with Redis away.
  private renew(): void {
    const { leaseMs } = this.timing;
    const until = this.now() + leaseMs;
    for (const [identity, ids] of this.held)
      void this.breaker.run(() =>
        renewLeases(redis(), [KEY_PREFIX + identity], [leaseMs, until, ...ids]),
      );
  }
}

/**
 * The process's leases, with a breaker of their own: once Redis has failed a few times in a row,
 * streams open without asking it until a probe finds it back.
 */
export function streamLeases(limit: number): StreamLeases {
  return remember("streamLeases", () => {
    const log = new ThrottledLog();
    const breaker = new Breaker(
      { name: "sse-leases", failureThreshold: 3, cooldownMs: 5_000 },
      { warn: (kind, message) => log.warn(kind, `event stream leases: ${message}`) },
      () => {},
    );
    return new StreamLeases(limit, breaker);
  });
}
