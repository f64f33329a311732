// The page cache: whole pages for readers who are not signed in, in Redis in front of Next's
// handler (docs/decisions/010-page-cache-in-front-of-next.md). Infrastructure below the domains:
// built on lib/cache/'s parts (Keys, Locks, Stats) and lib/redis/, with lib/platform/ and
// lib/http/. Which pages it caches is the app's to say: server.ts calls createPageCache (below)
// with the blog's route table (lib/blog/page-routes.ts); lib/blog/invalidation/ purges through
// purge.ts.
//   handler.ts    PageCache.handle: HIT, STALE (refreshed in background), MISS (one render), BYPASS
//   request.ts    who may share a page: GET/HEAD, no session, no API key, not an RSC request;
//                 a route (key and tags) and the RouteTable type the app hands in
//   render.ts     a render: a GET to this server's own port, marked by an HMAC token, read whole
//   script-policy.ts  a render's Content-Security-Policy given the hashes of its inline scripts
//   entry.ts      the stored bytes: PAGE1 + JSON header + gzip + brotli (if 5% smaller); ETag
//   store.ts      PageStore: entry and lock keys per build id, the breaker, stats as cache:page;
//                 the generations this process knows (tracked by Redis), so a HIT is one GET
//   tag-index.ts  a generation per tag, carried by pages and checked on reads, so that a purge
//                 holds against a racing render and under eviction; a SET of pages per tag
//   respond.ts    a stored page sent: br, gzip or plain; 304 by ETag; Cache-Control, Vary, Age
//   purge.ts      the app's side: purgePages(tags), pageTagKeys(tags) for lib/blog/invalidation/
// This file: createPageCache, the page cache assembled from its settings: what server.ts puts in
// front of Next.

import type { Env } from "@/lib/platform/env";
import { observePageAnswer } from "@/lib/platform/metrics";
import type { RedisClient } from "@/lib/redis/client";
import { logger } from "@/lib/util/logger";
import { spanAttributes, spanEvent, tracingOn } from "@/lib/util/tracing";
import { type NextHandler, PageCache } from "./handler";
import { renderToken } from "./render";
import type { RouteTable } from "./request";
import { PAGE_NAMESPACE, PageStore } from "./store";

export { PageCache } from "./handler";

export function createPageCache(
  settings: Env,
  redis: RedisClient,
  buildId: string,
  next: NextHandler,
  routes: RouteTable,
): PageCache {
  const store = new PageStore({
    redis,
    buildId,
    freshSeconds: settings.PAGE_CACHE_TTL_SECONDS,
    staleSeconds: settings.PAGE_CACHE_STALE_SECONDS,
    maxEntryBytes: settings.PAGE_CACHE_MAX_BYTES,
    commandTimeoutMs: settings.CACHE_COMMAND_TIMEOUT_MS,
    lockTimeoutMs: 10_000,
    logger,
  });
  const target = {
    port: settings.PORT,
    token: renderToken(settings.SESSION_SECRET),
    timeoutMs: 10_000,
    maxBodyBytes: 8 * settings.PAGE_CACHE_MAX_BYTES,
  };
  return new PageCache(
    store,
    target,
    next,
    {
      routes,
      freshSeconds: settings.PAGE_CACHE_TTL_SECONDS,
      sharedSeconds: settings.PAGE_CACHE_SHARED_SECONDS,
      lockWaitMs: 3_000,
      observe: (outcome, ms) => {
        observePageAnswer(outcome, ms);
        // On the request's span (server.ts), when tracing is on.
        if (!tracingOn()) return;
        spanAttributes({ "page_cache.result": outcome });
        spanEvent("page-cache.answer", {
          "cache.namespace": PAGE_NAMESPACE,
          "cache.result": outcome,
        });
      },
    },
    (message) => logger.warn(message),
  );
}
