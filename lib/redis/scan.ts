// Walking keys by pattern: SCAN in pages, never KEYS (which blocks Redis while it reads them all).
// On a Cluster each master holds its own keys, so every master is walked.
import { Cluster, type Redis } from "ioredis";

type Client = Redis | Cluster;
type Page<K> = [cursor: string | Buffer, keys: K[]];

const SCAN_COUNT = 1_000;

/** A pattern for SCAN MATCH that matches `text` literally: * ? [ ] \ are glob syntax there. */
export const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, "\\$&");

const nodesOf = (client: Client): Redis[] =>
  client instanceof Cluster ? client.nodes("master") : [client];

async function* pages<K>(
  client: Client,
  scan: (node: Redis, cursor: string) => Promise<Page<K>>,
): AsyncGenerator<K[]> {
  for (const node of nodesOf(client)) {
    let cursor = "0";
    do {
      const [next, keys] = await scan(node, cursor);
      cursor = next.toString();
      if (keys.length > 0) yield keys;
    } while (cursor !== "0");
  }
}

/** The keys matching a glob pattern, a page at a time (a key may come twice, as SCAN allows). */
export function scanKeys(client: Client, pattern: string, count = SCAN_COUNT) {
  return pages<string>(client, (node, cursor) =>
    node.scan(cursor, "MATCH", pattern, "COUNT", count),
  );
}

/**
 * UNLINKs every key matching a glob pattern, a SCAN page at a time (UNLINK frees the memory in
 * the background), except those in `keep`. Keys are read as bytes, so a key that is not UTF-8 is
 * unlinked too. Returns how many were removed.
 */
export async function unlinkByPattern(
  client: Client,
  pattern: string,
  options: { keep?: ReadonlySet<string>; count?: number } = {},
): Promise<number> {
  const { keep, count = SCAN_COUNT } = options;
  let removed = 0;
  const batches = pages<Buffer>(client, (node, cursor) =>
    node.scanBuffer(cursor, "MATCH", pattern, "COUNT", count),
  );
  for await (const keys of batches) {
    const doomed = keep ? keys.filter((key) => !keep.has(key.toString())) : keys;
    // Each page's keys can lie in many slots: one UNLINK per key on a Cluster.
    if (client instanceof Cluster)
      removed += (await Promise.all(doomed.map((key) => client.unlink(key)))).reduce(sum, 0);
    else if (doomed.length > 0) removed += await client.unlink(...doomed);
  }
  return removed;
}

const sum = (total: number, n: number) => total + n;
