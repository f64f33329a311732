// Every caching pattern the blog runs: where it lives and where to watch it work. The /patterns
// page lists these, and the trace panel names the pattern behind each cache namespace.
import { beyondCachingPatterns } from "@/lib/patterns/beyond-caching";
import { cachingPatterns } from "@/lib/patterns/caching";

export type Pattern = {
  id: string;
  name: string;
  tutorial: string;
  summary: string;
  files: string[];
  seeIt: { href: string; label: string };
  namespace?: string;
};

export const patterns: Pattern[] = [...cachingPatterns, ...beyondCachingPatterns];

const byNamespace = new Map(
  patterns.flatMap((p) => (p.namespace ? [[p.namespace, p] as const] : [])),
);

// A memoized function's keys start with "memo:" in whichever namespace it lives; comments are
// cached aside like the feed, in a namespace of their own.
export function patternOf(namespace: string, key: string): string {
  if (key.startsWith("memo:")) return "Read-through (memoize)";
  if (namespace === "cache:comment") return "Cache-aside";
  return byNamespace.get(namespace)?.name ?? namespace;
}
