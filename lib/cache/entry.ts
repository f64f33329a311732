// What one cached value looks like in Redis: a small JSON envelope around the typed value,
//   {"f": <fresh until, epoch ms>, "d": <ms the loader took>, "v": <typed JSON value>,
//    "t": [<generation of each of its tags>]}   ("t" only for an entry written with tags)
// The key's Redis TTL covers the fresh time plus any stale window, so Redis expires it; "f"
// tells a reader whether it is still fresh, "d" feeds the early-refresh decision, and "t" says
// which generations of its tags it was loaded under (generations.ts).
import { decode, encode, type Json } from "./serialize";

export interface Entry {
  value: unknown;
  freshUntil: number;
  delta: number;
  /** The generations of its tags when it was loaded, in the order of its tags. */
  marks?: string[];
}

export function packEntry(
  value: unknown,
  freshUntil: number,
  delta: number,
  marks?: readonly string[],
): string {
  const envelope = { f: freshUntil, d: Math.ceil(delta), v: encode(value, false) };
  return JSON.stringify(marks ? { ...envelope, t: marks } : envelope);
}

export function unpackEntry(text: string): Entry {
  const { f, d, v, t } = JSON.parse(text) as { f: number; d: number; v: Json; t?: string[] };
  const entry: Entry = { value: decode(v), freshUntil: f, delta: d };
  if (t) entry.marks = t;
  return entry;
}

// Probabilistic early expiration, "XFetch" (Vattani, Chierichetti, Lowenstein, VLDB 2015):
// refresh when now - delta * beta * ln(random) >= expiry. ln(random) is negative, so each
// reader moves "now" forward by a random amount that grows with the cost of recomputing;
// one reader among many refreshes a little before expiry, and the rest keep hitting.
export function shouldRefreshEarly(
  entry: Entry,
  now: number,
  beta: number,
  random: () => number,
): boolean {
  return now - entry.delta * beta * Math.log(random()) >= entry.freshUntil;
}
