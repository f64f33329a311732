// One instance per process, whichever bundle asks. Next.js builds route handlers, pages and the
// server entry into separate bundles (and dev reloads modules), so a plain module-level value
// would exist once per copy: two Redis connections, or a trace one copy cannot see. The value
// lives on globalThis under Symbol.for(`blog:${name}`). It is made outside any request's context,
// since it outlives the request that first asked (./request-context.ts).
import { outsideRequests } from "./request-context";

const registry = globalThis as unknown as Record<symbol, unknown>;
const keyOf = (name: string) => Symbol.for(`blog:${name}`);

export function remember<T>(name: string, make: () => T): T {
  const key = keyOf(name);
  const existing = registry[key] as T | undefined;
  if (existing !== undefined) return existing;
  const made = outsideRequests(make);
  registry[key] = made;
  return made;
}

/** The remembered value if one was made, without making it. */
export function remembered<T>(name: string): T | undefined {
  return registry[keyOf(name)] as T | undefined;
}
