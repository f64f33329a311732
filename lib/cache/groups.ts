// Groups: a version in Redis that is part of the keys of a family of entries (every
// /api/posts?limit=N response, say). Replacing it makes them all unreachable in one command,
// however many there are, and they expire on their own: the same mechanism as memoize's
// deleteMemoized(fn), for entries that are not a memoized function's. A version is a token never
// used before (tokens.ts), not a counter: a version key lost to eviction or expiry is made again
// with a new token, so its old entries are never reached again (a miss each, never a stale
// answer). A version that Redis did not answer for is null: then do not cache.
import type { Run } from "../redis/breaker";
import type { Keys } from "./keys";
import { uniqueToken } from "./tokens";

// Longer than any entry of a group, and renewed by each read: a version is not lost under a
// group that is still read (which would cost each of its entries a miss).
const GROUP_VERSION_TTL_MS = 7 * 24 * 3600 * 1000;

export class Groups {
  constructor(
    private readonly run: Run,
    private readonly keys: Keys,
  ) {}

  /** The group's version as text, made if there is none; null if Redis did not answer. */
  async version(name: string): Promise<string | null> {
    const key = this.keys.groupVersion(name);
    // One command on the common path, as before: the version, its TTL renewed.
    const answer = await this.run((redis) => redis.getex(key, "PX", GROUP_VERSION_TTL_MS));
    if (!answer.ok) return null;
    if (answer.value !== null) return answer.value;
    // None (never made, expired, evicted): a new one, unless another process made one meanwhile.
    const token = uniqueToken();
    const made = await this.run((redis) =>
      redis.set(key, token, "PX", GROUP_VERSION_TTL_MS, "NX", "GET"),
    );
    return made.ok ? (made.value ?? token) : null;
  }

  /** True if Redis took the bump. */
  async bump(name: string): Promise<boolean> {
    const key = this.keys.groupVersion(name);
    const answer = await this.run((redis) =>
      redis.set(key, uniqueToken(), "PX", GROUP_VERSION_TTL_MS),
    );
    return answer.ok;
  }
}
