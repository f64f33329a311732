// Listing keys in tests, by SCAN (lib/redis/scan.ts), never KEYS. Free of vitest, so that the
// Playwright specs use it too.
import type { RedisClient } from "../../lib/redis/client";
import { scanKeys } from "../../lib/redis/scan";

/** Keys matching a SCAN pattern, once each, sorted. */
export async function keysMatching(client: RedisClient, pattern: string): Promise<string[]> {
  const found = new Set<string>();
  for await (const page of scanKeys(client, pattern)) for (const key of page) found.add(key);
  return [...found].sort();
}
