// Which article a reader opens: a Zipf distribution over the articles, as on a real blog (a few
// read often, most rarely). The k-th most read is read in proportion to 1/k^s. Seeded, so two
// runs read the same sequence and their hit rates compare.

/** A seeded source of numbers in [0, 1) (mulberry32): the same seed gives the same sequence. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws an index in [0, n) with P(k) ∝ 1/(k+1)^s. */
export function zipf(n: number, s: number, seed = 1): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= n; k++) {
    total += 1 / k ** s;
    cumulative.push(total);
  }
  const random = seeded(seed);
  return () => {
    const target = random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}
