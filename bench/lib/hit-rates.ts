// Each cache namespace's hit rate over a stretch of a run, read from the server's GET /api/metrics
// (the shared statistics every process adds to): (hits + stale) / lookups between two scrapes.
import { printTable } from "./measure";
import { fetchOk } from "./server";

type Lookups = Map<string, { hit: number; stale: number; miss: number }>;

export async function scrapeLookups(origin: string, token: string): Promise<Lookups> {
  const response = await fetchOk(`${origin}/api/metrics`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const lookups: Lookups = new Map();
  const line =
    /^blog_cache_lookups_total\{namespace="([^"]+)",result="(hit|stale|miss)"\} (\S+)$/gm;
  for (const [, namespace, result, value] of (await response.text()).matchAll(line)) {
    const counts = lookups.get(namespace) ?? { hit: 0, stale: 0, miss: 0 };
    counts[result as "hit" | "stale" | "miss"] = Number(value);
    lookups.set(namespace, counts);
  }
  return lookups;
}

/** Prints, per namespace looked up in between, its lookups and hit rate; returns the rates. */
export function printHitRates(before: Lookups, after: Lookups): Map<string, number> {
  const rates = new Map<string, number>();
  const rows: (string | number)[][] = [];
  for (const [namespace, end] of [...after].sort(([a], [b]) => a.localeCompare(b))) {
    const start = before.get(namespace) ?? { hit: 0, stale: 0, miss: 0 };
    const served = end.hit - start.hit + (end.stale - start.stale);
    const lookups = served + (end.miss - start.miss);
    if (lookups === 0) continue;
    rates.set(namespace, served / lookups);
    rows.push([
      namespace,
      lookups,
      end.miss - start.miss,
      `${((served / lookups) * 100).toFixed(1)} %`,
    ]);
  }
  printTable(["namespace", "lookups", "misses", "hit rate (hits + stale)"], rows);
  return rates;
}
