import "server-only";
import { type Preview, previewBytes } from "@/lib/admin/value-preview";
import type { RedisClient } from "@/lib/redis/client";

// The tutorial's "debug a key", bounded whatever the key holds: a string is read up to
// MAX_STRING_BYTES (GETRANGE), a collection up to MAX_ITEMS elements (LRANGE/ZRANGE by index,
// HSCAN/SSCAN for a few rounds), so opening a key with a million members costs no more than
// opening a small one. Never HGETALL, SMEMBERS or a whole LRANGE.
const MAX_STRING_BYTES = 512 * 1024 + 1;
export const MAX_ITEMS = 100;
const SCAN_ROUNDS = 10;
const VALUE_CHARS = 8_000;
const ITEM_CHARS = 300;

type Item = { field?: Preview; score?: string; value: Preview };

export type KeyReport =
  | { exists: false }
  | {
      exists: true;
      type: string;
      /** Milliseconds left; -1 for a key without expiry. */
      ttlMs: number;
      memory: number | null;
      encoding: string | null;
      /** STRLEN, HLEN, LLEN, SCARD, ZCARD or XLEN. */
      length: number;
      value?: Preview;
      items?: Item[];
    };

export async function inspectKey(client: RedisClient, key: Buffer): Promise<KeyReport> {
  const [[, type], [, ttl], [, memory], [, encoding]] = (await client
    .pipeline()
    .type(key)
    .pttl(key)
    .memory("USAGE", key)
    .object("ENCODING", key)
    .exec()) as [Error | null, unknown][];
  if (type === "none" || ttl === -2) return { exists: false };
  const read = contentReaders.get(String(type));
  return {
    exists: true as const,
    type: String(type),
    ttlMs: Number(ttl),
    memory: memory === null ? null : Number(memory),
    encoding: typeof encoding === "string" ? encoding : null,
    ...(read ? await read(client, key) : { length: 0 }),
  };
}

type Contents = { length: number; value?: Preview; items?: Item[] };
type ContentReader = (client: RedisClient, key: Buffer) => Promise<Contents>;

async function readString(client: RedisClient, key: Buffer): Promise<Contents> {
  const [length, bytes] = await Promise.all([
    client.strlen(key),
    client.getrangeBuffer(key, 0, MAX_STRING_BYTES - 1),
  ]);
  return { length, value: previewBytes(bytes, VALUE_CHARS, bytes.length >= length) };
}

async function readList(client: RedisClient, key: Buffer): Promise<Contents> {
  const [length, items] = await Promise.all([
    client.llen(key),
    client.lrangeBuffer(key, 0, MAX_ITEMS - 1),
  ]);
  return { length, items: items.map((value) => ({ value: item(value) })) };
}

async function readSortedSet(client: RedisClient, key: Buffer): Promise<Contents> {
  const [length, flat] = await Promise.all([
    client.zcard(key),
    client.zrangeBuffer(key, 0, MAX_ITEMS - 1, "WITHSCORES"),
  ]);
  return {
    length,
    items: pairs(flat).map(([member, score]) => ({ value: item(member), score: score.toString() })),
  };
}

async function readHash(client: RedisClient, key: Buffer): Promise<Contents> {
  const [length, flat] = await Promise.all([
    client.hlen(key),
    scanCollection((cursor) => client.hscanBuffer(key, cursor, "COUNT", MAX_ITEMS), 2),
  ]);
  return {
    length,
    items: pairs(flat).map(([field, value]) => ({ field: item(field), value: item(value) })),
  };
}

async function readSet(client: RedisClient, key: Buffer): Promise<Contents> {
  const [length, members] = await Promise.all([
    client.scard(key),
    scanCollection((cursor) => client.sscanBuffer(key, cursor, "COUNT", MAX_ITEMS), 1),
  ]);
  return { length, items: members.map((value) => ({ value: item(value) })) };
}

// By TYPE's answer; a type not listed (a module's) is shown with its metadata only.
const contentReaders = new Map<string, ContentReader>([
  ["string", readString],
  ["list", readList],
  ["zset", readSortedSet],
  ["hash", readHash],
  ["set", readSet],
  ["stream", async (client, key) => ({ length: await client.xlen(key) })],
]);

const item = (bytes: Buffer) => previewBytes(bytes, ITEM_CHARS);

function pairs(flat: Buffer[]): [Buffer, Buffer][] {
  const result: [Buffer, Buffer][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) result.push([flat[i], flat[i + 1]]);
  return result;
}

// HSCAN/SSCAN for at most SCAN_ROUNDS rounds, stopping at MAX_ITEMS elements (`width` Buffers
// each: field and value for a hash). A small collection comes back whole in the first round.
async function scanCollection(
  scan: (cursor: string) => Promise<[Buffer, Buffer[]]>,
  width: number,
): Promise<Buffer[]> {
  const found: Buffer[] = [];
  let cursor = "0";
  for (let round = 0; round < SCAN_ROUNDS; round++) {
    const [next, batch] = await scan(cursor);
    found.push(...batch);
    cursor = next.toString();
    if (cursor === "0" || found.length >= MAX_ITEMS * width) break;
  }
  return found.slice(0, MAX_ITEMS * width);
}
