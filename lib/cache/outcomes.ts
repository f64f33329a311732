// How each lookup ended (HIT, MISS, STALE, BYPASS, ERROR): counted in the shared statistics,
// added to the request's trace, and an event on the current span when tracing is on. A disabled
// cache records every lookup as a BYPASS.
import { spanEvent } from "../util/tracing";
import type { CacheOptions, Loaded } from "./options";
import type { Stats } from "./stats";
import type { Read } from "./store";
import { type CacheResult, traceEnd, traceStart } from "./trace";

export class Outcomes {
  private readonly namespace: string;
  private readonly disabled: boolean;
  private readonly now: () => number;

  constructor(
    private readonly stats: Stats,
    options: Pick<CacheOptions, "namespace" | "disabled" | "now">,
  ) {
    this.namespace = options.namespace;
    this.disabled = options.disabled ?? false;
    this.now = options.now ?? Date.now;
  }

  // What a plain read gives the caller: the value of a hit, fresh or stale; else undefined.
  served<T>(key: string, read: Read, started: number | undefined): T | undefined {
    if (read.status !== "hit") {
      this.record(key, read.status === "miss" ? "MISS" : "ERROR", started);
      return undefined;
    }
    this.record(key, this.now() < read.entry.freshUntil ? "HIT" : "STALE", started);
    return read.entry.value as T;
  }

  // A fresh entry's value, recorded as a HIT; undefined, and nothing recorded, otherwise.
  freshHit(key: string, read: Read, started: number | undefined): { value: unknown } | undefined {
    if (read.status !== "hit" || this.now() >= read.entry.freshUntil) return undefined;
    this.record(key, "HIT", started);
    return { value: read.entry.value };
  }

  async observe<T>(key: string, work: () => Promise<Loaded<T>>): Promise<Loaded<T>> {
    const started = traceStart();
    const loaded = await work();
    this.record(key, loaded.result, started);
    return loaded;
  }

  record(key: string, outcome: CacheResult, started: number | undefined): void {
    const result = this.disabled ? "BYPASS" : outcome;
    if (result === "HIT") this.stats.count("hits");
    else if (result === "MISS") this.stats.count("misses");
    else if (result === "STALE") this.stats.count("stale");
    traceEnd(started, this.namespace, key, result);
    spanEvent("cache.lookup", {
      "cache.namespace": this.namespace,
      "cache.key": key,
      "cache.result": result,
    });
  }
}
