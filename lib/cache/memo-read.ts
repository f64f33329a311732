// Where a memoized call's entry is, and the entry. A version this process is told of by Redis
// (tracked-keys.ts) makes a hit one plain GET, as cache.get is. Without one (the first call,
// after a deleteMemoized, while the watch is down) one script reads the version and, when it is
// the version this process saw last, the entry: still one round trip. Both keys are passed as
// KEYS and share the function's hash tag (keys.ts), so the script obeys Redis' rule that a
// script names every key it touches, and Cluster would run it on one node.

import type { Outcome, Run } from "../redis/breaker";
import { luaScript } from "../redis/script";
import type { Keys } from "./keys";
import type { Read, Store } from "./store";
import { uniqueToken } from "./tokens";
import type { TrackedKeys } from "./tracked-keys";

export interface MemoInfo {
  name: string;
  /** Its version's key (keys.ts), worked out once. */
  versionKey: string;
  versionTtlMs: number;
  timeout: number;
  stale: number;
  /**
   * The version this copy of the function last read: the guess the script checks ("" before any).
   * While Redis watches the version, the one this process knows (tracked-keys.ts) is used instead.
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
// key's TTL in ms, "1" to read the entry, a new unique token. A missing version (never made,
// expired, evicted) is replaced by that token, never by a value it had before: entries written
// under an old version stay unreachable whatever Redis forgot (tokens.ts). The TTL is renewed
// once half of it is gone, not on every read, since a renewal is a change that every process is
// told of; losing the version costs the function's entries a miss each, never a stale answer.
const readVersionAndEntry = luaScript<[string, number, (string | null)?]>(
  `local version = redis.call("GET", KEYS[1])
local ttl = tonumber(ARGV[2])
if version then
  ttl = redis.call("PTTL", KEYS[1])
  if ttl >= 0 and ttl * 2 < tonumber(ARGV[2]) then
    redis.call("PEXPIRE", KEYS[1], ARGV[2])
    ttl = tonumber(ARGV[2])
  end
else
  version = ARGV[4]
  redis.call("SET", KEYS[1], version, "PX", ARGV[2])
end
if version ~= ARGV[1] or ARGV[3] ~= "1" then return {version, ttl} end
return {version, ttl, redis.call("GET", KEYS[2])}`,
);

export class MemoReader {
  constructor(
    private readonly run: Run,
    private readonly keys: Keys,
    private readonly store: Store,
    private readonly versions: TrackedKeys,
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

  // A known version is used while more than half of its key's TTL is left: after that the script
  // runs again and renews it, so that the version of a function only ever hit by GETs of its
  // entries does not expire under them (which would cost each of them a miss).
  private trusted(info: MemoInfo): string | undefined {
    const known = this.versions.trusted(info.versionKey);
    if (known === undefined || known.until - this.now() <= info.versionTtlMs / 2) return;
    return known.value;
  }

  private async ask(info: MemoInfo, argsText: string, withEntry: boolean) {
    const expected = info.seenVersion;
    const key = this.keys.memoEntry(info.name, expected, argsText);
    const ticket = this.versions.ticket();
    const token = uniqueToken();
    const answer = await this.run((redis) =>
      readVersionAndEntry(
        redis,
        [info.versionKey, this.keys.value(key)],
        [expected, info.versionTtlMs, withEntry ? "1" : "0", token],
      ),
    );
    if (!answer.ok) return answer;
    const [version, ttl, text] = answer.value;
    info.seenVersion = version;
    this.versions.learn(info.versionKey, version, ttl, ticket);
    if (version !== expected || !withEntry) {
      const entryKey = this.keys.memoEntry(info.name, version, argsText);
      // A version this call just made has no entries yet: a miss, without asking.
      const read = version === token ? ({ status: "miss" } as const) : undefined;
      return { ok: true as const, value: { key: entryKey, read } };
    }
    return { ok: true as const, value: { key, read: this.store.parse(key, text ?? null) } };
  }
}
