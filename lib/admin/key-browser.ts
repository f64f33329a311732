import "server-only";
import { z } from "zod";
import { formatCursor, parseCursor, type ScanPosition } from "@/lib/admin/key-cursor";
import { onNode, type ServerNode, serverNodes } from "@/lib/admin/nodes";
import { AppError } from "@/lib/platform/errors";
import { parseOrThrow } from "@/lib/platform/validation";
import type { RedisClient } from "@/lib/redis/client";

// The key browser: SCAN with the admin's MATCH pattern, a page at a time, never KEYS. A page is
// at most `maxCalls` SCAN calls collecting about `pageSize` keys; its cursor opens the next page,
// so walking every page returns every key that existed throughout (SCAN's guarantee). Whole SCAN
// batches are kept, never cut, or keys between two pages would be lost. How many buckets each
// call visits (COUNT) adapts to how often the pattern matched so far: a rare pattern reaches
// COUNT 1000 in a few calls, a common one keeps pages near pageSize. On a Cluster each master is
// walked in turn (key-cursor.ts), and a page may run on from one master into the next.
type KeyRow = { key: Buffer; type: string; ttlMs: number; memory: number | null };
export type KeyPage = {
  pattern: string;
  rows: KeyRow[];
  cursor: string;
  done: boolean;
  calls: number;
  /** How many keyspaces the walk covers: one per master. */
  masters: number;
};

const CURSOR_HELP =
  "This cursor did not come from a page of the key browser: start from the beginning.";

const browseQuery = z.object({
  pattern: z
    .string()
    .trim()
    .max(256, "Keep the pattern under 256 characters.")
    .transform((pattern) => pattern || "*")
    .default("*"),
  cursor: z
    .string()
    .refine((cursor) => parseCursor(cursor) !== null, CURSOR_HELP)
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
  const masters = await serverNodes(client);
  let at = startingAt(options.cursor, masters);
  const keys: Buffer[] = [];
  let count = pageSize;
  let calls = 0;
  do {
    const node = masters[at.node];
    const [next, batch] = await onNode(() =>
      node.client.scanBuffer(at.cursor, "MATCH", pattern, "COUNT", count),
    );
    calls += 1;
    const cursor = next.toString();
    at = cursor === "0" ? { node: at.node + 1, cursor } : { node: at.node, cursor };
    keys.push(...batch);
    // A master's last call visits what is left of its keyspace, fewer buckets than COUNT: it says
    // nothing of how often the pattern matches, and the next master starts with COUNT unchanged.
    if (cursor !== "0") count = nextCount(count, batch.length, pageSize - keys.length);
  } while (at.node < masters.length && keys.length < pageSize && calls < maxCalls);
  const done = at.node >= masters.length;
  return {
    pattern,
    rows: await describeKeys(client, keys),
    cursor: formatCursor(at, masters.length, client.isCluster),
    done,
    calls,
    masters: masters.length,
  };
}

// A cursor that names a master this client does not have (the URL was edited, or the Cluster has
// fewer masters than when the page was made) is refused as the query's other mistakes are.
function startingAt(cursor: string, masters: ServerNode[]): ScanPosition {
  const at = parseCursor(cursor);
  if (at && at.node < masters.length) return at;
  throw new AppError("validation_failed", CURSOR_HELP, { cursor: CURSOR_HELP });
}

function nextCount(count: number, found: number, needed: number): number {
  if (found === 0) return Math.min(count * 4, MAX_COUNT);
  return Math.min(MAX_COUNT, Math.max(MIN_COUNT, Math.ceil((needed * count) / found)));
}

// TYPE, PTTL and MEMORY USAGE of every key of the page, each its own command: on a Cluster the
// page's keys lie in many slots, where one pipeline would be refused (CROSSSLOT), and the client
// auto-pipelines them per node. A key that expired between SCAN and now answers "none" and is
// left out; a command that fails leaves its figure unknown.
async function describeKeys(client: RedisClient, keys: Buffer[]): Promise<KeyRow[]> {
  const quiet = <T>(work: Promise<T>) => work.catch(() => null);
  const answers = await Promise.all(
    keys.map((key) =>
      Promise.all([
        quiet(client.type(key)),
        quiet(client.pttl(key)),
        quiet(client.memory("USAGE", key)),
      ]),
    ),
  );
  const rows: KeyRow[] = [];
  keys.forEach((key, i) => {
    const [type, ttl, memory] = answers[i];
    if (type === "none" || type === null) return;
    rows.push({
      key,
      type,
      ttlMs: Number(ttl),
      memory: memory === null ? null : Number(memory),
    });
  });
  return rows.sort((a, b) => Buffer.compare(a.key, b.key));
}
