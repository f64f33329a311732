import type { ServerResponse } from "node:http";

// Headers as a flat list of names and values, the form writeHead takes without storing each in
// the response's table first (lib/page-cache/respond.ts); set one by one where they must be.

/** Sets headers given as name and value pairs. */
export function setHeaderPairs(res: ServerResponse, pairs: readonly string[]): void {
  for (let i = 0; i < pairs.length; i += 2) res.setHeader(pairs[i], pairs[i + 1]);
}
