import { LineChart, niceMax } from "@/components/admin/LineChart";
import { formatBytes } from "@/lib/admin/format";
import type { Point } from "@/lib/admin/samples";

const HOUR = 60 * 60_000;
const percent = (value: number) => `${Math.round(value * 100)}%`;
const MIB = 1024 * 1024;
const count = (value: number) =>
  value >= 10_000 ? `${Math.round(value / 1000)}k` : value.toLocaleString("en-US");

// The last hour, one reading a minute plus this request's live reading: what traffic does to
// the hit rates, what a clear does to the keys.
export function CacheCharts({ points, db, now }: { points: Point[]; db: number; now: number }) {
  const times = points.map((p) => p.at);
  const live = points.map((p) => p.live);
  const common = { times, live, from: now - HOUR, to: now };
  // Whole mebibytes on the memory axis, not whole powers of ten of bytes.
  const memoryTop = niceMax((Math.max(0, ...points.map((p) => p.usedMemory)) * 1.1) / MIB) * MIB;
  return (
    <>
      <p className="meta">
        One reading a minute, taken by whichever app process gets there first and kept an hour in
        Redis; the ring is this request&apos;s reading. Times are UTC; rates cover the interval
        since the reading before.
      </p>
      <div className="chart-grid-2">
        <LineChart
          {...common}
          title="Hit rate per minute"
          testId="chart-hit-rate"
          max={1}
          format={percent}
          series={[
            {
              name: "App caches",
              className: "series-app",
              values: points.map((p) => p.appHitRate),
            },
            {
              name: "Redis keyspace",
              className: "series-keyspace",
              values: points.map((p) => p.keyspaceHitRate),
            },
          ]}
        />
        <LineChart
          {...common}
          title={`Keys in DB ${db}`}
          testId="chart-keys"
          format={count}
          series={[{ name: "Keys", className: "series-keys", values: points.map((p) => p.keys) }]}
        />
        <LineChart
          {...common}
          title="Cache lookups per minute (app)"
          testId="chart-lookups"
          format={count}
          series={[
            {
              name: "Lookups",
              className: "series-lookups",
              values: points.map((p) => p.appLookupsPerMinute),
            },
          ]}
        />
        <LineChart
          {...common}
          title="Redis memory"
          testId="chart-memory"
          max={memoryTop}
          format={(value) => formatBytes(Math.round(value))}
          series={[
            {
              name: "Used memory",
              className: "series-memory",
              values: points.map((p) => p.usedMemory),
            },
          ]}
        />
      </div>
    </>
  );
}
