// Every caching pattern the blog runs: where it lives and where to watch it work. The /patterns
// page lists these, and the trace panel names the pattern behind each cache namespace.
import { beyondCachingPatterns } from "./beyond-caching";
import { cachingPatterns } from "./caching";
import type { Pattern } from "./pattern";

export const patterns: Pattern[] = [...cachingPatterns, ...beyondCachingPatterns];

const byNamespace = new Map(
  patterns.flatMap((p) => (p.namespaces ?? []).map((namespace) => [namespace, p] as const)),
);

// A memoized function's keys start with "memo:" in whichever namespace it lives.
export function patternOf(namespace: string, key: string): string {
  if (key.startsWith("memo:")) return "Read-through (memoize)";
  return byNamespace.get(namespace)?.name ?? namespace;
}
