// Groups: a version number in Redis that is part of the keys of a family of entries (every
// /api/posts?limit=N response, say). Bumping it makes them all unreachable in one command,
// however many there are, and they expire on their own: the same mechanism as memoize's
// deleteMemoized(fn), for entries that are not a memoized function's. A version that Redis did
// not answer for is null: then do not cache. Entries of a group must live under a week.
import type { Run } from "../redis/breaker";
import type { Keys } from "./keys";

// The version key must outlive every entry written under it (or counting would restart and
// could reach an old version again, reviving its entries): entries of a group live less than
// this, and each read renews it.
const GROUP_VERSION_TTL_MS = 7 * 24 * 3600 * 1000;

export class Groups {
  constructor(
    private readonly run: Run,
    private readonly keys: Keys,
  ) {}

  /** The group's version as text ("0" for a group never bumped), or null if Redis did not answer. */
  async version(name: string): Promise<string | null> {
    // GETEX on a missing key creates nothing: reading a group costs no key until it is bumped.
    const answer = await this.run((redis) =>
      redis.getex(this.keys.groupVersion(name), "PX", GROUP_VERSION_TTL_MS),
    );
    return answer.ok ? (answer.value ?? "0") : null;
  }

  /** True if Redis took the bump. */
  async bump(name: string): Promise<boolean> {
    const key = this.keys.groupVersion(name);
    const answer = await this.run((redis) =>
      redis.multi().incr(key).pexpire(key, GROUP_VERSION_TTL_MS).exec(),
    );
    return answer.ok;
  }
}
