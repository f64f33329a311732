// One instance per process, whichever bundle asks. Next.js builds route handlers, pages and the
// server entry into separate bundles (and dev reloads modules), so a plain module-level value
// would exist once per copy: two Redis connections, or a trace one copy cannot see.
export function remember<T>(name: string, make: () => T): T {
  const registry = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`blog:${name}`);
  const existing = registry[key];
  if (existing !== undefined) return existing;
  const made = make();
  registry[key] = made;
  return made;
}
