// A memoized call's read in one round trip: one script reads the function's version (renewing
// its TTL, as GETEX does) and, when that is the version this process expects, the entry under it.
// Both keys are passed as KEYS and share the function's hash tag (keys.ts), so the script obeys
// Redis' rule that a script names every key it touches, and Cluster would run it on one node.
// The expected version is the one this process saw last: a guess that Redis checks on every
// call. When another process has called deleteMemoized since, the script answers with the new
// version only, and the entry is read under it by getOrSet: a second round trip, once.
import { luaScript } from "../redis/script";
import type { Outcome, Run } from "./breaker";
import type { Keys } from "./keys";
import type { Read, Store } from "./store";

export interface MemoInfo {
  name: string;
  versionTtlMs: number;
  timeout: number;
  stale: number;
  /** The version this process last read: the one whose entries it asks for first. */
  seenVersion: string;
}

export interface MemoRead {
  /** The entry's key (relative to the namespace) under the current version. */
  key: string;
  /** The entry as read with the version; absent when the version was not the expected one. */
  read?: Read;
}

// KEYS: the version key, the entry key under ARGV[1]. ARGV: the expected version, the version
// key's TTL in ms. A missing version is "0", as deleteMemoized's INCR counts from there.
const readVersionAndEntry = luaScript<[string, (string | null)?]>(
  `local version = redis.call("GETEX", KEYS[1], "PX", ARGV[2]) or "0"
if version ~= ARGV[1] then return {version} end
return {version, redis.call("GET", KEYS[2])}`,
);

export class MemoReader {
  constructor(
    private readonly run: Run,
    private readonly keys: Keys,
    private readonly store: Store,
  ) {}

  async read(info: MemoInfo, argsText: string): Promise<Outcome<MemoRead>> {
    const expected = info.seenVersion;
    const key = this.keys.memoEntry(info.name, expected, argsText);
    const answer = await this.run((redis) =>
      readVersionAndEntry(
        redis,
        [this.keys.memoVersion(info.name), this.keys.value(key)],
        [expected, info.versionTtlMs],
      ),
    );
    if (!answer.ok) return answer;
    const [version, text] = answer.value;
    if (version !== expected) {
      info.seenVersion = version;
      return { ok: true, value: { key: this.keys.memoEntry(info.name, version, argsText) } };
    }
    return { ok: true, value: { key, read: this.store.parse(key, text ?? null) } };
  }
}
