import "server-only";
import { z } from "zod";
import { parseOrThrow } from "@/lib/platform/validation";
import type { RedisClient } from "@/lib/redis/client";

// The key browser: SCAN with the admin's MATCH pattern, a page at a time, never KEYS. A page is
// at most `maxCalls` SCAN calls collecting about `pageSize` keys; its cursor opens the next page,
// so walking every page returns every key that existed throughout (SCAN's guarantee). Whole SCAN
// batches are kept, never cut, or keys between two pages would be lost. How many buckets each
// call visits (COUNT) adapts to how often the pattern matched so far: a rare pattern reaches
// COUNT 1000 in a few calls, a common one keeps pages near pageSize.
type KeyRow = { key: Buffer; type: string; ttlMs: number; memory: number | null };
export type KeyPage = {
  pattern: string;
  rows: KeyRow[];
  cursor: string;
  done: boolean;
  calls: number;
};

const browseQuery = z.object({
  pattern: z
    .string()
    .trim()
    .max(256, "Keep the pattern under 256 characters.")
    .transform((pattern) => pattern || "*")
    .default("*"),
  cursor: z
    .string()
    .regex(/^\d{1,20}$/, "The cursor is a number from a previous page.")
    .default("0"),
});

export const parseBrowseQuery = (input: { pattern?: unknown; cursor?: unknown }) =>
  parseOrThrow(browseQuery, {
    pattern: input.pattern || undefined,
    cursor: input.cursor || undefined,
  });

const MIN_COUNT = 10;
const MAX_COUNT = 1_000;

export async function browseKeys(
  client: RedisClient,
  options: { pattern: string; cursor: string; pageSize?: number; maxCalls?: number },
): Promise<KeyPage> {
  const { pattern, pageSize = 50, maxCalls = 20 } = options;
  const keys: Buffer[] = [];
  let cursor = options.cursor;
  let count = pageSize;
  let calls = 0;
  do {
    const [next, batch] = await client.scanBuffer(cursor, "MATCH", pattern, "COUNT", count);
    calls += 1;
    cursor = next.toString();
    keys.push(...batch);
    const needed = pageSize - keys.length;
    count =
      batch.length === 0
        ? Math.min(count * 4, MAX_COUNT)
        : clamp(Math.ceil((needed * count) / batch.length));
  } while (cursor !== "0" && keys.length < pageSize && calls < maxCalls);
  return { pattern, rows: await describeKeys(client, keys), cursor, done: cursor === "0", calls };
}

const clamp = (count: number) => Math.min(MAX_COUNT, Math.max(MIN_COUNT, count));

// TYPE, PTTL and MEMORY USAGE of every key of the page, in one pipeline. A key that expired
// between SCAN and now answers "none" and is left out.
async function describeKeys(client: RedisClient, keys: Buffer[]): Promise<KeyRow[]> {
  if (keys.length === 0) return [];
  const pipeline = client.pipeline();
  for (const key of keys) pipeline.type(key).pttl(key).memory("USAGE", key);
  const answers = (await pipeline.exec()) ?? [];
  const rows: KeyRow[] = [];
  keys.forEach((key, i) => {
    const [type, ttl, memory] = answers
      .slice(i * 3, i * 3 + 3)
      .map(([error, value]) => (error ? null : value));
    if (type === "none" || type === null) return;
    rows.push({
      key,
      type: String(type),
      ttlMs: Number(ttl),
      memory: memory === null ? null : Number(memory),
    });
  });
  return rows.sort((a, b) => Buffer.compare(a.key, b.key));
}
