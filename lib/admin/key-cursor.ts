// The key browser's cursor, which travels in the page's URL. On one Redis it is SCAN's own cursor
// (`4096`). A Cluster has one keyspace per master, each walked with its own cursor in turn, so the
// cursor names the master by its index in nodes.ts' order, then that master's cursor (`1-4096`);
// `0` is both the start of the first master and the end of the last, as in SCAN. It comes from
// the URL, so anything may arrive: only what this parses is ever sent to Redis.
export type ScanPosition = { node: number; cursor: string };

const FORM = /^(?:(\d{1,3})-)?(\d{1,20})$/;
// SCAN's cursor is an unsigned 64-bit number: Redis answers anything larger with an error.
const MAX_SCAN_CURSOR = 2n ** 64n - 1n;

/** The position a cursor names, or null for anything a page could not have given. */
export function parseCursor(text: string): ScanPosition | null {
  const match = FORM.exec(text);
  if (!match || BigInt(match[2]) > MAX_SCAN_CURSOR) return null;
  // Leading zeros are dropped, so that "00" is the start as "0" is.
  return { node: Number(match[1] ?? 0), cursor: BigInt(match[2]).toString() };
}

/** The cursor of a position: SCAN's own on one Redis; `0` once past the last master. */
export function formatCursor(position: ScanPosition, masters: number, cluster: boolean): string {
  if (position.node >= masters || (position.node === 0 && position.cursor === "0")) return "0";
  return cluster ? `${position.node}-${position.cursor}` : position.cursor;
}
