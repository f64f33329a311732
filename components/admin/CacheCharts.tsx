import type { ComponentProps } from "react";
import { LineChart, niceMax } from "@/components/admin/LineChart";
import { formatBytes } from "@/lib/admin/format";
import type { Point } from "@/lib/admin/samples";

const HOUR = 60 * 60_000;
const percent = (value: number) => `${Math.round(value * 100)}%`;
const MIB = 1024 * 1024;
const count = (value: number) =>
  value >= 10_000 ? `${Math.round(value / 1000)}k` : value.toLocaleString("en-US");

type Chart = Omit<ComponentProps<typeof LineChart>, "times" | "live" | "from" | "to">;

// The four charts: hit rates, keys, lookups and memory.
function chartsOf(points: Point[], db: number): Chart[] {
  // Whole mebibytes on the memory axis, not whole powers of ten of bytes.
  const memoryTop = niceMax((Math.max(0, ...points.map((p) => p.usedMemory)) * 1.1) / MIB) * MIB;
  const series = (name: string, className: string, value: (p: Point) => number | null) => ({
    name,
    className,
    values: points.map(value),
  });
  return [
    {
      title: "Hit rate per minute",
      testId: "chart-hit-rate",
      max: 1,
      format: percent,
      series: [
        series("App caches", "series-app", (p) => p.appHitRate),
        series("Redis keyspace", "series-keyspace", (p) => p.keyspaceHitRate),
      ],
    },
    {
      title: `Keys in DB ${db}`,
      testId: "chart-keys",
      format: count,
      series: [series("Keys", "series-keys", (p) => p.keys)],
    },
    {
      title: "Cache lookups per minute (app)",
      testId: "chart-lookups",
      format: count,
      series: [series("Lookups", "series-lookups", (p) => p.appLookupsPerMinute)],
    },
    {
      title: "Redis memory",
      testId: "chart-memory",
      max: memoryTop,
      format: (value) => formatBytes(Math.round(value)),
      series: [series("Used memory", "series-memory", (p) => p.usedMemory)],
    },
  ];
}

// The last hour, one reading a minute plus this request's live reading: what traffic does to
// the hit rates, what a clear does to the keys.
export function CacheCharts({ points, db, now }: { points: Point[]; db: number; now: number }) {
  const times = points.map((p) => p.at);
  const live = points.map((p) => p.live);
  return (
    <>
      <p className="meta">
        One reading a minute, taken by whichever app process gets there first and kept an hour in
        Redis; the ring is this request&apos;s reading. Times are UTC; rates cover the interval
        since the reading before.
      </p>
      <div className="chart-grid-2">
        {chartsOf(points, db).map((chart) => (
          <LineChart
            key={chart.testId}
            {...chart}
            times={times}
            live={live}
            from={now - HOUR}
            to={now}
          />
        ))}
      </div>
    </>
  );
}
