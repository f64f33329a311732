// Shared by the tests of Next's cache handlers: stores on the test Redis under a random
// namespace, entries with a body, and reading a stream back.

import type { CacheEntry } from "next/dist/server/lib/cache-handlers/types";
import { type NextCacheOptions, NextCacheStore } from "@/lib/next-cache";
import type { RedisClient } from "@/lib/redis/client";
import { patient } from "../../helpers/redis";

export function storeOn(
  redis: RedisClient,
  namespace: string,
  options: Partial<NextCacheOptions> = {},
): NextCacheStore {
  return new NextCacheStore({ redis, namespace, ...patient, ...options });
}

export function streamOfChunks(
  chunks: Uint8Array[],
  failAfter = false,
): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (failAfter) controller.error(new Error("render failed"));
      else controller.close();
    },
  });
}

export function entry(
  body: string | Uint8Array,
  fields: Partial<Omit<CacheEntry, "value">> = {},
): CacheEntry {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  return {
    value: streamOfChunks([bytes]),
    tags: [],
    stale: 300,
    timestamp: Date.now(),
    expire: 3600,
    revalidate: 900,
    ...fields,
  };
}

export async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

export async function textOf(found: CacheEntry | undefined): Promise<string | undefined> {
  return found && (await bytesOf(found.value)).toString("utf8");
}
