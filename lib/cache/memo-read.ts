// Where a memoized call's entry is, and the entry. A version this process is told of by Redis
// (memo-versions.ts) makes a hit one plain GET, as cache.get is. Without one (the first call,
// after a deleteMemoized, while the watch is down) one script reads the version and, when it is
// the version this process saw last, the entry: still one round trip. Both keys are passed as
// KEYS and share the function's hash tag (keys.ts), so the script obeys Redis' rule that a
// script names every key it touches, and Cluster would run it on one node.

import type { Outcome, Run } from "../redis/breaker";
import { luaScript } from "../redis/script";
import type { Keys } from "./keys";
import type { MemoVersions } from "./memo-versions";
import type { Read, Store } from "./store";

export interface MemoInfo {
  name: string;
  versionTtlMs: number;
  timeout: number;
  stale: number;
  /**
   * The version this copy of the function last read: the guess the script checks. While Redis
   * watches the version, the one this process knows (memo-versions.ts) is used instead.
   */
  seenVersion: string;
}

export interface MemoRead {
  /** The entry's key (relative to the namespace) under the current version. */
  key: string;
  /** The entry as read with the version; absent when the version was not the expected one. */
  read?: Read;
}

// KEYS: the version key, the entry key under ARGV[1]. ARGV: the expected version, the version
// key's TTL in ms, "1" to read the entry. A missing version is "0", as deleteMemoized's INCR
// counts from there. The version key must outlive every entry written under it, or counting
// could restart and reach an old version again, reviving its entries: it is renewed here once
// half its TTL is gone (entries live at most half of it), and not on every read, since a renewal
// is a change that every process is told of.
const readVersionAndEntry = luaScript<[string, number, (string | null)?]>(
  `local version = redis.call("GET", KEYS[1])
local ttl = -2
if version then
  ttl = redis.call("PTTL", KEYS[1])
  if ttl >= 0 and ttl * 2 < tonumber(ARGV[2]) then
    redis.call("PEXPIRE", KEYS[1], ARGV[2])
    ttl = tonumber(ARGV[2])
  end
else
  version = "0"
end
if version ~= ARGV[1] or ARGV[3] ~= "1" then return {version, ttl} end
return {version, ttl, redis.call("GET", KEYS[2])}`,
);

export class MemoReader {
  constructor(
    private readonly run: Run,
    private readonly keys: Keys,
    private readonly store: Store,
    private readonly versions: MemoVersions,
    private readonly now: () => number,
  ) {}

  async read(info: MemoInfo, argsText: string): Promise<Outcome<MemoRead>> {
    const version = this.trusted(info);
    if (version === undefined) return this.ask(info, argsText, true);
    const key = this.keys.memoEntry(info.name, version, argsText);
    const read = await this.store.read(key);
    return read.status === "error" ? { ok: false } : { ok: true, value: { key, read } };
  }

  /** The entry's key under the current version, without reading the entry. */
  async entryKey(info: MemoInfo, argsText: string): Promise<Outcome<string>> {
    const version = this.trusted(info);
    if (version !== undefined)
      return { ok: true, value: this.keys.memoEntry(info.name, version, argsText) };
    const answer = await this.ask(info, argsText, false);
    return answer.ok ? { ok: true, value: answer.value.key } : answer;
  }

  // A known version is used while more than half of its key's TTL is left: an entry written
  // under it (living at most half) then dies before it.
  private trusted(info: MemoInfo): string | undefined {
    const known = this.versions.trusted(info.name);
    if (known === undefined || known.until - this.now() <= info.versionTtlMs / 2) return;
    return known.version;
  }

  private async ask(info: MemoInfo, argsText: string, withEntry: boolean) {
    const expected = info.seenVersion;
    const key = this.keys.memoEntry(info.name, expected, argsText);
    const ticket = this.versions.ticket();
    const answer = await this.run((redis) =>
      readVersionAndEntry(
        redis,
        [this.keys.memoVersion(info.name), this.keys.value(key)],
        [expected, info.versionTtlMs, withEntry ? "1" : "0"],
      ),
    );
    if (!answer.ok) return answer;
    const [version, ttl, text] = answer.value;
    info.seenVersion = version;
    this.versions.learn(info.name, version, ttl, ticket);
    if (version !== expected || !withEntry) {
      return {
        ok: true as const,
        value: { key: this.keys.memoEntry(info.name, version, argsText) },
      };
    }
    return { ok: true as const, value: { key, read: this.store.parse(key, text ?? null) } };
  }
}
