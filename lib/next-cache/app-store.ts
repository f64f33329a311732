// The blog's instance of Next's cache store: the cache role's client (cacheRedis()), namespace
// "next-cache".
// One per process (remembered), because this module is loaded twice: by Next's handler entries
// (outside the bundle) and by the bundled app (invalidation, admin page); both share it.
import { nextCacheSettings } from "@/lib/platform/env";
import { cacheRedis } from "@/lib/platform/redis";
import { logger } from "@/lib/util/logger";
import { remember } from "@/lib/util/remember";
import { NextCacheStore } from "./store";

const NEXT_CACHE_NAMESPACE = "next-cache";

// `next build` renders pages through this store while it collects them, in workers that have
// neither the app's settings nor, on a build machine, its Redis, and it keeps nothing of those
// renders (every page here is dynamic). Asking Redis would only log a failed command.
const isBuilding = () => process.env.NEXT_PHASE === "phase-production-build";

export function nextCacheStore(): NextCacheStore {
  return remember("nextCacheStore", () => {
    const settings = nextCacheSettings();
    return new NextCacheStore({
      redis: cacheRedis,
      namespace: NEXT_CACHE_NAMESPACE,
      disabled: !settings.CACHE_ENABLED || settings.NEXT_CACHE_HANDLER === "off" || isBuilding(),
      commandTimeoutMs: settings.CACHE_COMMAND_TIMEOUT_MS,
      maxEntryTtlSeconds: settings.NEXT_CACHE_MAX_TTL_SECONDS,
      logger,
    });
  });
}
