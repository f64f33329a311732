// The parts of one Cache, wired together: one client, one breaker-guarded way to run commands,
// and the layers built on it (entries, statistics, read-through, groups, tags, memoize). Kept
// apart from cache.ts so that the class reads as the public API and nothing else.

import type { Run } from "../redis/breaker";
import { ThrottledLog } from "../redis/throttled-log";
import { Background } from "./background";
import type { RouteHost } from "./cached-route";
import { ClientHandle } from "./client";
import { Generations } from "./generations";
import { Groups } from "./groups";
import { guardedRun } from "./guarded-run";
import { Keys } from "./keys";
import { Locks } from "./lock";
import { type MemoHost, Memos } from "./memoize";
import type { CacheOptions } from "./options";
import { Outcomes } from "./outcomes";
import { ReadThrough } from "./read-through";
import { Stats } from "./stats";
import { lifetime, type Read, Store } from "./store";
import { Tags } from "./tags";
import { traceStart } from "./trace";
import { TrackedKeys } from "./tracked-keys";

// A tag's generation outlives its entries (a lost one costs each of them a miss), and is renewed
// while entries are still written under it.
const GENERATION_TTL_MS = 7 * 24 * 3600 * 1000;

export type CacheParts = ReturnType<typeof assembleCache>;

// One watch per cache for its invalidation records, memo versions and tag generations, whose
// values this process then knows until Redis says they changed.
function invalidationRecords(
  options: CacheOptions,
  client: ClientHandle,
  run: Run,
  keys: Keys,
  log: ThrottledLog,
) {
  const watched = options.disabled ? undefined : () => client.get(); // a NullCache asks nothing
  const prefixes = [keys.memoVersionPrefix(), keys.generationPrefix()];
  const tracked = new TrackedKeys(watched, run, prefixes, log, options.now ?? Date.now);
  const tags = new Tags(run, keys, new Generations(run, tracked, GENERATION_TTL_MS));
  return { tracked, tags };
}

export function assembleCache(options: CacheOptions, defaultTimeout: number) {
  const namespace = options.namespace;
  const now = options.now ?? Date.now;
  const log = new ThrottledLog(options.logger ?? console, {
    prefix: `[cache ${namespace}] `,
    intervalMs: options.logIntervalMs ?? 10_000,
  });
  const keys = new Keys(namespace);
  const client = new ClientHandle(options.redis, options.db, log);
  const run = guardedRun(options, client, log, () => stats.count("errors"));
  const { tracked, tags } = invalidationRecords(options, client, run, keys, log);
  const store = new Store(run, keys, log, options.maxValueBytes ?? 512 * 1024, now, tags);
  const stats = new Stats(run, keys.stats(), options.statsFlushMs ?? 1000, options.onLoaderTimed);
  const outcomes = new Outcomes(stats, options);
  const background = new Background();
  const readThrough = new ReadThrough({
    store,
    tags,
    locks: new Locks(run),
    keys,
    stats,
    log,
    defaultTimeout,
    lockTimeoutMs: options.lockTimeoutMs ?? 5000,
    random: options.random ?? Math.random,
    now,
    track: (work) => background.track(work),
  });
  const groups = new Groups(run, keys);
  // What memoize and cached() build on: getOrSet plus a few internals they need.
  const host: MemoHost & RouteHost = {
    getOrSetWithResult: (key, loader, opts, known?: Read) =>
      outcomes.observe(key, () => readThrough.getOrSet(key, loader, opts, known)),
    withoutCache: (key, loader) =>
      outcomes.observe(key, () => readThrough.withoutCache(key, loader)),
    delete: async (key) => (await store.remove([key])) === 1,
    set: (key, value, { timeout, stale }) => store.write(key, value, lifetime(timeout, stale)),
    bypass: (key, started) => outcomes.record(key, "BYPASS", started),
    freshHit: (key, read, started) => outcomes.freshHit(key, read, started),
    groupVersion: (name) => groups.version(name),
    traceStart,
  };
  const memos = new Memos(host, run, keys, store, tracked, defaultTimeout, now);
  return {
    client,
    store,
    stats,
    outcomes,
    readThrough,
    groups,
    tags,
    host,
    memos,
    tracked,
    background,
  };
}
