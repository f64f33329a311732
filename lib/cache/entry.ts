// What one cached value looks like in Redis: a small JSON envelope around the typed value,
//   {"f": <fresh until, epoch ms>, "d": <ms the loader took>, "v": <typed JSON value>}
// The key's Redis TTL covers the fresh time plus any stale window, so Redis expires it; "f"
// tells a reader whether it is still fresh, and "d" feeds the early-refresh decision.
import { decode, encode, type Json } from "./serialize";

export interface Entry {
  value: unknown;
  freshUntil: number;
  delta: number;
}

export function packEntry(value: unknown, freshUntil: number, delta: number): string {
  return JSON.stringify({ f: freshUntil, d: Math.ceil(delta), v: encode(value, false) });
}

export function unpackEntry(text: string): Entry {
  const { f, d, v } = JSON.parse(text) as { f: number; d: number; v: Json };
  return { value: decode(v), freshUntil: f, delta: d };
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
