// The soak's heap comparison (./heap-summary.ts) as a table: what grew, and what holds it.
import { compareSnapshots } from "./heap-summary";
import { printTable } from "./measure";

const kib = (bytes: number) => (bytes / 1024).toFixed(0);

export function printHeapGrowth(before: string, after: string): void {
  console.log(`\nWhat grew in the heap between ${before} and ${after} (live objects, after a GC)`);
  printTable(
    ["constructor", "count", "KiB", "KiB grown", "held mostly by"],
    compareSnapshots(before, after).map((g) => [
      g.group,
      `${g.count[0]} → ${g.count[1]}`,
      `${kib(g.bytes[0])} → ${kib(g.bytes[1])}`,
      kib(g.bytes[1] - g.bytes[0]),
      g.heldBy.join("; "),
    ]),
  );
}
