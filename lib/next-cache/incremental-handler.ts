// Next.js's incremental cache handler (config `cacheHandler`: ISR pages, route handlers, fetch)
// on the same Redis store and tag records as the 'use cache' handler. Next makes one instance
// per request; the store is shared. With `cacheMaxMemorySize: 0` Next keeps no copy in process,
// so every process reads the same entries and tags.
// - Keys carry the build id: a page rendered by one build is never served by another.
// - A get checks the entry's tags (the x-next-cache-tags header of a page or route, a fetch's
//   tags and soft tags) against the shared tag records: Next's own check only knows the tags
//   revalidated in this process. Expired (or without a record: tag-store.ts): a miss. Stale:
//   the entry is returned looking old enough for Next to serve it once and regenerate it in the
//   background; when its lifetime has no such window, a blocking regeneration (lastModified -1).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CacheControl } from "next/dist/server/lib/cache-control";
import type {
  CacheHandlerContext,
  CacheHandlerValue,
} from "next/dist/server/lib/incremental-cache";
import type { IncrementalCacheValue } from "next/dist/server/response-cache/types";
import { deserialize, serialize } from "@/lib/cache";
import type { NextCacheStore } from "./store";
import type { Durations } from "./tag-store";

const TAGS_HEADER = "x-next-cache-tags";

type GetContext = {
  kind: string;
  tags?: string[];
  softTags?: string[];
  revalidate?: number | false;
};
type SetContext = { fetchCache?: boolean; tags?: string[]; cacheControl?: CacheControl };
type Stored = CacheHandlerValue & { tags: string[] };

function buildIdOf(ctx: CacheHandlerContext): string {
  try {
    return readFileSync(path.join(ctx.serverDistDir ?? "", "..", "BUILD_ID"), "utf8").trim();
  } catch {
    return ctx.dev ? "development" : "unknown-build";
  }
}

function tagsOf(value: IncrementalCacheValue | null, extra: string[] = []): string[] {
  const header = value && "headers" in value ? value.headers?.[TAGS_HEADER] : undefined;
  const fromHeader = typeof header === "string" && header ? header.split(",") : [];
  const fromFetch =
    value && (value.kind as string) === "FETCH" ? ((value as { tags?: string[] }).tags ?? []) : [];
  return [...new Set([...fromHeader, ...fromFetch, ...extra])];
}

// Seconds the entry may live in Redis: its expire, else the store's cap.
function ttlSeconds(ctx: SetContext): number {
  const expire = ctx.cacheControl?.expire;
  return typeof expire === "number" && expire > 0 ? expire : Infinity;
}

// A lastModified that makes Next see the entry as past `revalidate` but within `expire`.
function staleLastModified(stored: Stored, ctx: GetContext, now: number): number {
  const revalidate =
    ctx.revalidate ||
    stored.cacheControl?.revalidate ||
    (stored.value as { revalidate?: number } | null)?.revalidate;
  const expire = stored.cacheControl?.expire;
  if (typeof revalidate !== "number" || revalidate <= 0) return -1;
  if (typeof expire === "number" && expire * 1000 <= revalidate * 1000 + 1) return -1;
  return Math.min(stored.lastModified, now - revalidate * 1000 - 1);
}

// The entry under `key` as Next expects it: null for a miss, an error, or what a tag expired;
// with a stale lastModified for what a tag marked stale.
async function readEntry(
  store: NextCacheStore,
  key: string,
  ctx: GetContext,
): Promise<CacheHandlerValue | null> {
  const packed = await store.read(key);
  if (packed === "error") return null;
  if (packed === null) {
    store.tags.markMiss(); // the render that follows is later than any tag's lost record
    return miss(store);
  }
  let stored: Stored;
  try {
    stored = deserialize(packed.toString("utf8")) as Stored;
  } catch {
    return miss(store);
  }
  const tags = [...stored.tags, ...(ctx.tags ?? []), ...(ctx.softTags ?? [])];
  const now = store.now();
  const verdict = await store.tags.verdict(tags, stored.lastModified, now);
  if (verdict === null) return null;
  if (verdict === "expired") return miss(store);
  const { tags: _tags, ...value } = stored;
  if (verdict === "stale") {
    store.access.count("stale");
    return { ...value, lastModified: staleLastModified(stored, ctx, now) };
  }
  store.access.count("hits");
  return value;
}

function miss(store: NextCacheStore): null {
  store.access.count("misses");
  return null;
}

export function createIncrementalHandlerClass(getStore: () => NextCacheStore) {
  return class RedisIncrementalCache {
    private readonly buildId: string;

    constructor(ctx: CacheHandlerContext) {
      this.buildId = buildIdOf(ctx);
    }

    private key(cacheKey: string): string {
      return getStore().entryKey("isr", `${this.buildId}\0${cacheKey}`);
    }

    async get(cacheKey: string, ctx: GetContext): Promise<CacheHandlerValue | null> {
      return readEntry(getStore(), this.key(cacheKey), ctx);
    }

    async set(
      cacheKey: string,
      data: IncrementalCacheValue | null,
      ctx: SetContext,
    ): Promise<void> {
      const store = getStore();
      const stored: Stored = {
        lastModified: store.now(),
        value: data,
        cacheControl: ctx.cacheControl,
        tags: tagsOf(data, ctx.tags),
      };
      let text: string;
      try {
        text = serialize(stored);
      } catch (error) {
        store.access.warn("unserializable", `${cacheKey} not cached: ${String(error)}`);
        return;
      }
      await Promise.all([
        store.write(this.key(cacheKey), Buffer.from(text), ttlSeconds(ctx) * 1000),
        stored.tags.length > 0 && store.tags.pin(stored.tags), // records for its tags (tag-store.ts)
      ]);
    }

    async revalidateTag(tags: string | string[], durations?: Durations): Promise<void> {
      await getStore().tags.update(typeof tags === "string" ? [tags] : tags, durations);
    }

    // Nothing is kept per request.
    resetRequestCache(): void {}
  };
}
