// A Redis lock per cache key, so that across processes one loader runs for a missing key: the
// toolkit's locks (lib/redis/lock.ts: a random token, compare-and-delete release, PX expiry),
// each command through the cache's breaker.

import type { Outcome, Run } from "../redis/breaker";
import { newLockToken, releaseLock } from "../redis/lock";

export class Locks {
  constructor(private readonly run: Run) {}

  // The token when acquired, null when another holder has it.
  async acquire(key: string, ttlMs: number): Promise<Outcome<string | null>> {
    const token = newLockToken();
    const answer = await this.run((redis) => redis.set(key, token, "PX", ttlMs, "NX"));
    return answer.ok ? { ok: true, value: answer.value === "OK" ? token : null } : answer;
  }

  async release(key: string, token: string): Promise<boolean> {
    const answer = await this.run((redis) => releaseLock(redis, key, token));
    return answer.ok && answer.value === 1;
  }

  async isHeld(key: string): Promise<Outcome<boolean>> {
    const answer = await this.run((redis) => redis.exists(key));
    return answer.ok ? { ok: true, value: answer.value === 1 } : answer;
  }
}
