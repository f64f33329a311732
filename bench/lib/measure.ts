// Timing helpers for benchmarks: time several calls fairly, summarise, print an aligned table.

export interface Timing {
  meanUs: number;
  p50Us: number;
  p99Us: number;
  /** The mean of each round, in order: for ratios between variants measured side by side. */
  roundMeansUs: number[];
}

// Calls are sequential, so each sample is one call's latency. Variants take turns in rounds,
// so a slow patch of the machine (GC, another process) is shared out instead of landing on one.
export async function compare(
  variants: [string, () => Promise<unknown>][],
  rounds: number,
  callsPerRound: number,
  afterEachRound: (name: string) => void = () => {},
): Promise<Map<string, Timing>> {
  const samples = new Map(variants.map(([name]) => [name, [] as number[]]));
  const roundMeans = new Map(variants.map(([name]) => [name, [] as number[]]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, call] of variants) {
      const list = samples.get(name)!;
      let total = 0;
      for (let i = 0; i < callsPerRound; i++) {
        const started = performance.now();
        await call();
        const us = (performance.now() - started) * 1000;
        list.push(us);
        total += us;
      }
      roundMeans.get(name)!.push(total / callsPerRound);
      afterEachRound(name);
    }
  }
  return new Map(
    [...samples].map(([name, list]) => [name, summarise(list, roundMeans.get(name)!)]),
  );
}

function summarise(samples: number[], roundMeansUs: number[]): Timing {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    meanUs: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
    p50Us: at(0.5),
    p99Us: at(0.99),
    roundMeansUs,
  };
}

export function median(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function printTable(headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
      )
      .join("  ");
  console.log(line(cells[0]));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of cells.slice(1)) console.log(line(row));
}
