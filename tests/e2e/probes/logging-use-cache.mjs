// The 'use cache' handler of the end-to-end suite's build (next.config.js, NEXT_CACHE_PROBES=1):
// the blog's own, with every call Next makes written as one JSON line to NEXT_CACHE_PROBE_LOG
// when a test sets it, with the port of the process that made it (tests/e2e/next-cache-calls.spec.ts
// reads which methods Next called, and where).
import { appendFileSync } from "node:fs";
import handler from "../../../lib/next-cache/handlers/use-cache.mjs";

function record(method, detail) {
  const log = process.env.NEXT_CACHE_PROBE_LOG;
  if (log)
    appendFileSync(log, `${JSON.stringify({ port: process.env.PORT, method, ...detail })}\n`);
}

export default {
  async get(cacheKey, softTags) {
    const entry = await handler.get(cacheKey, softTags);
    record("get", { cacheKey, hit: entry !== undefined, revalidate: entry?.revalidate });
    return entry;
  },
  set(cacheKey, pendingEntry) {
    record("set", { cacheKey });
    return handler.set(cacheKey, pendingEntry);
  },
  refreshTags() {
    record("refreshTags", {});
    return handler.refreshTags();
  },
  getExpiration(tags) {
    record("getExpiration", { tags });
    return handler.getExpiration(tags);
  },
  // Logged once written: Next applies a route handler's revalidateTag after its response.
  async updateTags(tags, durations) {
    await handler.updateTags(tags, durations);
    record("updateTags", { tags, durations });
  },
};
