// A Redis lock per cache key, so that across processes one loader runs for a missing key.
// The value is a random token: only the owner may release it, and the release compares and
// deletes in one Lua script, so a lock that expired and was taken by another process is never
// released by the first owner. The PX expiry bounds how long a crashed owner can block others.
import { randomBytes } from "node:crypto";
import type { Outcome, Run } from "./breaker";

const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end
return 0`;

export class Locks {
  constructor(private readonly run: Run) {}

  // The token when acquired, null when another holder has it.
  async acquire(key: string, ttlMs: number): Promise<Outcome<string | null>> {
    const token = randomBytes(16).toString("base64url");
    const answer = await this.run((redis) => redis.set(key, token, "PX", ttlMs, "NX"));
    return answer.ok ? { ok: true, value: answer.value === "OK" ? token : null } : answer;
  }

  async release(key: string, token: string): Promise<boolean> {
    const answer = await this.run((redis) => redis.eval(RELEASE, 1, key, token));
    return answer.ok && answer.value === 1;
  }

  async isHeld(key: string): Promise<Outcome<boolean>> {
    const answer = await this.run((redis) => redis.exists(key));
    return answer.ok ? { ok: true, value: answer.value === 1 } : answer;
  }
}
