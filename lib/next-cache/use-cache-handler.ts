// Next.js's 'use cache' handler (config `cacheHandlers`) on Redis, for any number of processes.
// Contract (next/dist/server/lib/cache-handlers/types.d.ts, 16.4.6) and how it is kept:
// - every get returns a new stream over bytes read from Redis; set reads the stream to its end
//   and keeps nothing of it (nor of pendingEntry) once it resolves;
// - a get waits for a set of the same key still pending in this process;
// - entries live in Redis until their `expire` (capped), so the store evicts them; Next itself
//   serves an entry past `revalidate` while refreshing it in the background;
// - the entry's own tags and the request's soft tags are checked against the shared tag records
//   on every get (getExpiration answers Infinity): an expired tag is a miss, a stale one serves
//   the entry once more with revalidate -1 so Next replaces it, and a tag without a record (lost
//   to eviction, or never written) is expired (tag-store.ts). No tag state is remembered in
//   process, so a tag updated by another process is seen by the very next get. What is
//   remembered is which tags each key's entry had last time (a function's cacheTag calls rarely
//   change): their records are asked for together with the entry, one round trip for a hit, and
//   only an entry whose tags differ costs a second;
// - Redis away: the library's breaker answers within its command timeout, and that is a miss.
import type { CacheEntry, CacheHandler } from "next/dist/server/lib/cache-handlers/types";
import { packEntry, readAll, streamOf, unpackEntry } from "./entry-codec";
import type { NextCacheStore } from "./store";
import type { Durations } from "./tag-store";

const isDevServer = () => Boolean(process.env.__NEXT_DEV_SERVER);
// The dev server keeps short-lived entries this long so reloads hit (Next's MIN_PRERENDERABLE_EXPIRE).
const DEV_MIN_EXPIRE_S = 300;

// Keys whose entries' tags are remembered, at most; the oldest go first.
const KNOWN_TAGS_MAX = 10_000;

// The entry under `cacheKey`, or undefined for a miss, an error, or what a tag expired; with
// revalidate -1 for what a tag marked stale.
async function readEntry(
  store: NextCacheStore,
  cacheKey: string,
  softTags: string[],
  knownTags: Map<string, string[]>,
): Promise<CacheEntry | undefined> {
  const expected = [...(knownTags.get(cacheKey) ?? []), ...softTags];
  const entryRead = store.read(store.entryKey("use-cache", cacheKey));
  // Sent in the same tick, after the entry's GET (auto-pipelined): one round trip for a hit, and
  // on one server Redis reads the tags after the entry, as if asked after it.
  const early = expected.length > 0 ? store.tags.read(expected) : undefined;
  const packed = await entryRead;
  if (packed === "error") return undefined; // counted as an error by the breaker
  if (packed === null) {
    store.tags.markMiss(); // the render that follows is later than any tag's lost record
    return missed(store);
  }
  let unpacked: ReturnType<typeof unpackEntry>;
  try {
    unpacked = unpackEntry(packed);
  } catch (error) {
    store.access.warn(
      "unreadable",
      `entry ${cacheKey.slice(0, 80)} is unreadable, treated as a miss: ${String(error)}`,
    );
    return missed(store);
  }
  const { meta, body } = unpacked;
  const tags = [...meta.tags, ...softTags];
  remember(knownTags, cacheKey, meta.tags);
  const same = tags.length === expected.length && tags.every((tag, i) => tag === expected[i]);
  const verdict = await store.tags.verdict(
    tags,
    meta.timestamp,
    undefined,
    same ? early : undefined,
  );
  if (verdict === null) return undefined;
  if (verdict === "expired") return missed(store);
  const stale = verdict === "stale";
  store.access.count(stale ? "stale" : "hits");
  return { ...meta, revalidate: stale ? -1 : meta.revalidate, value: streamOf(body) };
}

function remember(knownTags: Map<string, string[]>, cacheKey: string, tags: string[]): void {
  knownTags.delete(cacheKey);
  if (knownTags.size >= KNOWN_TAGS_MAX) knownTags.delete(knownTags.keys().next().value as string);
  knownTags.set(cacheKey, tags);
}

function missed(store: NextCacheStore): undefined {
  store.access.count("misses");
  return undefined;
}

async function persist(store: NextCacheStore, cacheKey: string, entry: CacheEntry): Promise<void> {
  const expire = isDevServer() ? Math.max(entry.expire, DEV_MIN_EXPIRE_S) : entry.expire;
  // expire 0 is a dynamic entry: Next regenerates it on every read, so storing it is waste.
  if (!(expire > 0)) {
    await entry.value.cancel();
    return;
  }
  const body = await readAll(entry.value, store.maxValueBytes);
  if (body === "too-large")
    store.access.warn(
      "too-large",
      `a 'use cache' value over ${store.maxValueBytes} bytes was not stored`,
    );
  if (!Buffer.isBuffer(body)) return; // errored or too large: no partial entry
  const { value: _stream, ...meta } = entry;
  await Promise.all([
    store.write(store.entryKey("use-cache", cacheKey), packEntry(meta, body), expire * 1000),
    meta.tags.length > 0 && store.tags.pin(meta.tags), // records for its tags (tag-store.ts)
  ]);
}

export function createUseCacheHandler(store: NextCacheStore): CacheHandler {
  const pendingSets = new Map<string, Promise<void>>();
  const knownTags = new Map<string, string[]>();
  const { access } = store;

  async function get(cacheKey: string, softTags: string[]): Promise<CacheEntry | undefined> {
    await pendingSets.get(cacheKey);
    return readEntry(store, cacheKey, softTags, knownTags);
  }

  async function set(cacheKey: string, pendingEntry: Promise<CacheEntry>): Promise<void> {
    let done!: () => void;
    pendingSets.set(cacheKey, new Promise<void>((resolve) => (done = resolve)));
    try {
      await persist(store, cacheKey, await pendingEntry);
    } catch (error) {
      access.warn("set-failed", `entry not stored: ${String(error)}`);
    } finally {
      pendingSets.delete(cacheKey);
      done();
    }
  }

  return {
    get,
    set,
    // Tag state is read from Redis on every get, so there is no local manifest to refresh.
    refreshTags: async () => {},
    // Infinity: "check the soft tags in get", which this handler does against Redis.
    getExpiration: async () => Infinity,
    updateTags: async (tags: string[], durations?: Durations) => {
      await store.tags.update(tags, durations);
    },
  };
}
