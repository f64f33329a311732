// The page cache, assembled from its settings: what server.ts puts in front of Next.
import type { Redis } from "ioredis";
import type { Env } from "@/lib/platform/env";
import { type NextHandler, PageCache } from "./handler";
import { renderToken } from "./render";
import { PageStore } from "./store";

export { PageCache } from "./handler";

export function createPageCache(
  settings: Env,
  redis: Redis,
  buildId: string,
  next: NextHandler,
): PageCache {
  const store = new PageStore({
    redis,
    buildId,
    freshSeconds: settings.PAGE_CACHE_TTL_SECONDS,
    staleSeconds: settings.PAGE_CACHE_STALE_SECONDS,
    maxEntryBytes: settings.PAGE_CACHE_MAX_BYTES,
    commandTimeoutMs: settings.CACHE_COMMAND_TIMEOUT_MS,
    lockTimeoutMs: 10_000,
  });
  const target = {
    port: settings.PORT,
    token: renderToken(settings.SESSION_SECRET),
    timeoutMs: 10_000,
    maxBodyBytes: 8 * settings.PAGE_CACHE_MAX_BYTES,
  };
  return new PageCache(store, target, next, {
    freshSeconds: settings.PAGE_CACHE_TTL_SECONDS,
    sharedSeconds: settings.PAGE_CACHE_SHARED_SECONDS,
    lockWaitMs: 3_000,
  });
}
