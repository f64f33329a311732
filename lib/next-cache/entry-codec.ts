// A 'use cache' entry in Redis: one string value holding a 4-byte length, the entry's metadata
// as JSON and then the value's bytes exactly as Next streamed them (no base64, no copy through
// JSON), so a whole entry is one GET and one SET.
import type { CacheEntry } from "next/dist/server/lib/cache-handlers/types";
import { readUpTo } from "@/lib/util/read-stream";

export type EntryMeta = Omit<CacheEntry, "value">;

export function packEntry(meta: EntryMeta, body: Uint8Array): Buffer {
  const { tags, stale, timestamp, expire, revalidate } = meta;
  const head = Buffer.from(JSON.stringify({ tags, stale, timestamp, expire, revalidate }));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(head.length);
  return Buffer.concat([length, head, body]);
}

export function unpackEntry(packed: Buffer): { meta: EntryMeta; body: Buffer } {
  const headLength = packed.readUInt32BE(0);
  const meta = JSON.parse(packed.subarray(4, 4 + headLength).toString("utf8")) as EntryMeta;
  if (!Array.isArray(meta.tags) || typeof meta.timestamp !== "number")
    throw new TypeError("not a cache entry");
  return { meta, body: packed.subarray(4 + headLength) };
}

// A new stream over the bytes for every reader: a stream can be read once only.
export function streamOf(body: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      if (body.byteLength > 0) controller.enqueue(new Uint8Array(body));
      controller.close();
    },
  });
}

// Reads the stream to its end; a stream that errors (a failed render) gives null, so a partial
// value is never stored. Gives up, cancelling the stream, past maxBytes.
export function readAll(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Buffer | "too-large" | null> {
  return readUpTo(stream, maxBytes).catch(() => null);
}
