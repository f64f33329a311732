import "server-only";
import type { Cache } from "@/lib/cache";
import { unlinkByPattern } from "@/lib/redis";
import type { RedisClient } from "@/lib/redis/client";

// What the admin may clear. Cache namespaces go through each Cache's own clear() (SCAN + UNLINK
// of its namespace, in its own DB; its statistics survive). Sessions and rate-limit windows are
// not cache: they are offered only as separate, explicit choices. Never FLUSHDB or FLUSHALL.
const ALL_CACHES = "all-caches";

const EXTRA_TARGETS = {
  sessions: {
    label: "Sessions (signs everyone out, you too)",
    patterns: ["session:*", "sessions:user:*"],
  },
  "rate-limit": { label: "Rate-limit windows (everyone's limits start over)", patterns: ["rl:*"] },
} as const;

export type ClearTarget = { value: string; label: string };
export type Cleared = {
  target: string;
  removed: number;
  namespaces: { namespace: string; removed: number }[];
};

export function clearTargets(cacheList: Cache[]): ClearTarget[] {
  return [
    ...cacheList.map((cache) => ({ value: cache.namespace, label: cache.namespace })),
    { value: ALL_CACHES, label: `Every cache namespace (${cacheList.length})` },
    ...Object.entries(EXTRA_TARGETS).map(([value, { label }]) => ({ value, label })),
  ];
}

export const isClearTarget = (value: string, cacheList: Cache[]) =>
  clearTargets(cacheList).some((target) => target.value === value);

/** Clears one target; the caller has checked it is one of clearTargets(). */
export async function clearTarget(
  target: string,
  cacheList: Cache[],
  client: RedisClient,
): Promise<Cleared> {
  if (target in EXTRA_TARGETS) {
    const { patterns } = EXTRA_TARGETS[target as keyof typeof EXTRA_TARGETS];
    const counts = await Promise.all(patterns.map((pattern) => unlinkByPattern(client, pattern)));
    const namespaces = patterns.map((pattern, i) => ({
      namespace: pattern.slice(0, -2),
      removed: counts[i],
    }));
    return { target, removed: sum(namespaces), namespaces };
  }
  const chosen =
    target === ALL_CACHES ? cacheList : cacheList.filter((cache) => cache.namespace === target);
  const counts = await Promise.all(chosen.map((cache) => cache.clear()));
  const namespaces = chosen.map((cache, i) => ({ namespace: cache.namespace, removed: counts[i] }));
  return { target, removed: sum(namespaces), namespaces };
}

const sum = (parts: { removed: number }[]) =>
  parts.reduce((total, part) => total + part.removed, 0);
