// Walking keys by pattern: SCAN in pages, never KEYS (which blocks Redis while it reads them all).
// On a Cluster each master holds its own keys, so every master is walked. A walk sends its
// commands straight to the client, whose errors reach the caller, or through the caller's Run (the
// cache library's breaker): then each command has the breaker's budget, and one that fails ends
// the walk where it is, with what was done so far done.
import { Cluster, type Redis } from "ioredis";
import type { Run } from "./breaker";
import { type RedisClient, whenReady } from "./client";

type Page<K> = [cursor: string | Buffer, keys: K[]];
type PageScan<K> = (node: Redis, cursor: string) => Promise<Page<K>>;

const SCAN_COUNT = 1_000;
const NO_PAGE: Page<never> = ["0", []];

/** A pattern for SCAN MATCH that matches `text` literally: * ? [ ] \ are glob syntax there. */
export const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, "\\$&");

// A Cluster lists its masters only once it has read the slot map: before it is ready it lists
// none, and a walk would find nothing.
const READY_MS = 5_000;
async function mastersOf(client: RedisClient): Promise<Redis[]> {
  if (!(client instanceof Cluster)) return [client];
  await whenReady(client, READY_MS);
  return client.nodes("master");
}

const direct =
  (client: RedisClient): Run =>
  async (command) => ({ ok: true, value: await command(client) });

// The masters are listed inside the first SCAN's own command: a walk through a breaker sends it
// nothing that the breaker would take for an answer from Redis when none was asked for.
async function* pages<K>(run: Run, scan: PageScan<K>): AsyncGenerator<K[]> {
  let masters: Redis[] | undefined;
  for (let i = 0; masters === undefined || i < masters.length; i++) {
    let cursor = "0";
    do {
      const page = await run(async (client) => {
        masters ??= await mastersOf(client);
        const node = masters[i];
        return node ? scan(node, cursor) : NO_PAGE;
      });
      if (!page.ok) return;
      const [next, keys] = page.value;
      cursor = next.toString();
      if (keys.length > 0) yield keys;
    } while (cursor !== "0");
  }
}

/** The keys matching a glob pattern, a page at a time (a key may come twice, as SCAN allows). */
export function scanKeys(client: RedisClient, pattern: string, count = SCAN_COUNT) {
  return scanKeysThrough(direct(client), pattern, count);
}

/** scanKeys with each command sent by `run`: a command that fails ends the walk there. */
export function scanKeysThrough(run: Run, pattern: string, count = SCAN_COUNT) {
  return pages<string>(run, (node, cursor) => node.scan(cursor, "MATCH", pattern, "COUNT", count));
}

/**
 * UNLINKs every key matching a glob pattern, a SCAN page at a time (UNLINK frees the memory in
 * the background), except those in `keep`. Keys are read as bytes, so a key that is not UTF-8 is
 * unlinked too. Returns how many were removed.
 */
export async function unlinkByPattern(
  client: RedisClient,
  pattern: string,
  options: { keep?: ReadonlySet<string>; count?: number } = {},
): Promise<number> {
  const { keep, count = SCAN_COUNT } = options;
  let removed = 0;
  const batches = pages<Buffer>(direct(client), (node, cursor) =>
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
