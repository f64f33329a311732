import type { Cache } from "@/lib/cache";
import { escapeGlob } from "@/lib/redis";

// Keys are `<namespace>:<entity>:<id>[:<facet>]`. For "where is the memory" a namespace is the
// first segment plus the second when that is a name (letters, - and _) and not the key's last
// segment: cache:feed:page:1 → cache:feed, rl:api:{ip:1.2.3.4} → rl:api, views:pending:{42} →
// views:pending, but session:<sid> → session and lb:authors → lb.
const NAME = /^[A-Za-z][\w-]*$/;

export function namespaceOf(key: string): string {
  const segments = key.split(":");
  if (segments.length >= 3 && NAME.test(segments[1])) return `${segments[0]}:${segments[1]}`;
  return segments[0] || "(empty)";
}

export type NamespaceStats = {
  namespace: string;
  /** Counted by every process sharing the namespace; null when Redis could not be asked. */
  hits: number | null;
  misses: number | null;
  stale: number | null;
  loaderCalls: number | null;
  errors: number | null;
  hitRate: number | null;
};

/** Anything that counts hits in shared statistics: a Cache, or Next's cache store (lib/next-cache). */
export type StatsSource = Pick<Cache, "namespace" | "stats">;

/** Each cache's shared statistics (lib/cache `stats()`), read in parallel. */
export async function namespaceStats(cacheList: StatsSource[]): Promise<NamespaceStats[]> {
  const all = await Promise.all(cacheList.map((cache) => cache.stats()));
  return cacheList.map((cache, i) => {
    const stats = all[i];
    if (!stats)
      return {
        namespace: cache.namespace,
        hits: null,
        misses: null,
        stale: null,
        loaderCalls: null,
        errors: null,
        hitRate: null,
      };
    const lookups = stats.hits + stats.stale + stats.misses;
    return { namespace: cache.namespace, ...stats, hitRate: lookups > 0 ? stats.hitRate : null };
  });
}

/** SCAN MATCH pattern for a namespace's keys: glob characters in the name are taken literally. */
export const namespacePattern = (namespace: string) => `${escapeGlob(namespace)}:*`;
