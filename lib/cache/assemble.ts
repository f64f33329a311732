// The parts of one Cache, wired together: one client, one breaker-guarded way to run commands,
// and the layers built on it (entries, statistics, read-through, groups, tags, memoize). Kept
// apart from cache.ts so that the class reads as the public API and nothing else.

import { ThrottledLog } from "../redis/throttled-log";
import { Background } from "./background";
import type { RouteHost } from "./cached-route";
import { ClientHandle } from "./client";
import { Groups } from "./groups";
import { guardedRun } from "./guarded-run";
import { Keys } from "./keys";
import { Locks } from "./lock";
import { MemoVersions } from "./memo-versions";
import { type MemoHost, Memos } from "./memoize";
import type { CacheOptions } from "./options";
import { Outcomes } from "./outcomes";
import { ReadThrough } from "./read-through";
import { Stats } from "./stats";
import { lifetime, type Read, Store } from "./store";
import { Tags } from "./tags";
import { traceStart } from "./trace";

export type CacheParts = ReturnType<typeof assembleCache>;

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
  const store = new Store(run, keys, log, options.maxValueBytes ?? 512 * 1024, now);
  const stats = new Stats(run, keys.stats(), options.statsFlushMs ?? 1000, options.onLoaderTimed);
  const outcomes = new Outcomes(stats, options);
  const background = new Background();
  const readThrough = new ReadThrough({
    store,
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
  const watched = options.disabled ? undefined : () => client.get(); // a NullCache asks nothing
  const versions = new MemoVersions(watched, keys, log, now);
  const memos = new Memos(host, run, keys, store, versions, defaultTimeout, now);
  const tags = new Tags(run, keys);
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
    versions,
    background,
  };
}
