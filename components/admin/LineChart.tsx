import { formatClock } from "@/lib/admin/format";

// A small time-series chart as inline SVG, rendered on the server: no chart library, no script,
// no network. Fixed time axis (the last hour up to now, UTC) with a tick every 10 minutes, a value
// axis from 0 with five labelled grid lines, one line per series broken where a reading has no
// value, a dot per reading (its <title> is the tooltip), and the live reading as a ring.
type Series = { name: string; className: string; values: (number | null)[] };

type Props = {
  title: string;
  times: number[];
  live: boolean[];
  series: Series[];
  from: number;
  to: number;
  /** Top of the value axis; by default a round number above the largest value. */
  max?: number;
  format: (value: number) => string;
  testId: string;
};

const W = 560;
const H = 210;
const M = { left: 60, right: 14, top: 12, bottom: 30 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;
const TEN_MINUTES = 10 * 60_000;

/** 1, 2 or 5 times a power of ten, at least `value`. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

type Scale = { x: (t: number) => number; y: (v: number) => number };

export function LineChart({ title, times, live, series, from, to, max, format, testId }: Props) {
  const top =
    max ??
    niceMax(
      Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))) * 1.1,
    );
  const scale: Scale = {
    x: (t) => M.left + ((t - from) / (to - from)) * PLOT_W,
    y: (v) => M.top + PLOT_H - (Math.min(v, top) / top) * PLOT_H,
  };
  const titleId = `${testId}-title`;
  const latest = series.map((s) => `${s.name}: ${lastValue(s.values, format)}`).join(", ");

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} data-testid={testId}>
        <title id={titleId}>{`${title}. Latest: ${latest}.`}</title>
        <Axes scale={scale} top={top} from={from} to={to} format={format} />
        {series.map((s) => (
          <Line key={s.name} series={s} times={times} live={live} scale={scale} format={format} />
        ))}
      </svg>
      <figcaption>
        <strong>{title}</strong>
        <ul className="chart-legend">
          {series.map((s) => (
            <li key={s.name} className={s.className}>
              {s.name}: {lastValue(s.values, format)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

// Five labelled grid lines from 0 to `top`, a tick every 10 minutes, and the time axis.
function Axes({
  scale,
  top,
  from,
  to,
  format,
}: Pick<Props, "from" | "to" | "format"> & {
  scale: Scale;
  top: number;
}) {
  const { x, y } = scale;
  const grid = [0, 0.25, 0.5, 0.75, 1].map((share) => share * top);
  const ticks: number[] = [];
  for (let t = Math.ceil(from / TEN_MINUTES) * TEN_MINUTES; t <= to; t += TEN_MINUTES)
    ticks.push(t);
  return (
    <>
      {grid.map((value) => (
        <g key={value} className="chart-gridline">
          <line x1={M.left} x2={W - M.right} y1={y(value)} y2={y(value)} />
          <text x={M.left - 6} y={y(value) + 4} textAnchor="end">
            {format(value)}
          </text>
        </g>
      ))}
      {ticks.map((t) => (
        <g key={t} className="chart-tick">
          <line x1={x(t)} x2={x(t)} y1={M.top + PLOT_H} y2={M.top + PLOT_H + 4} />
          <text x={x(t)} y={H - 8} textAnchor="middle">
            {formatClock(t)}
          </text>
        </g>
      ))}
      <line
        className="chart-axis"
        x1={M.left}
        x2={W - M.right}
        y1={M.top + PLOT_H}
        y2={M.top + PLOT_H}
      />
    </>
  );
}

// One series: its line, broken where a reading has no value, and a dot per reading.
function Line({
  series: s,
  times,
  live,
  scale,
  format,
}: Pick<Props, "times" | "live" | "format"> & {
  series: Series;
  scale: Scale;
}) {
  const { x, y } = scale;
  return (
    <g className={`chart-series ${s.className}`} data-series={s.name}>
      {segments(times, s.values).map((segment) => (
        <polyline
          // Segments are runs between gaps, so no two start at the same time.
          key={segment[0]?.[0]}
          points={segment.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(" ")}
        />
      ))}
      {times.map((t, i) => {
        const v = s.values[i];
        if (v === null) return null;
        return (
          <circle
            key={t}
            className={live[i] ? "point live" : "point"}
            cx={x(t)}
            cy={y(v)}
            r={live[i] ? 4.5 : 3}
          >
            <title>{`${s.name} at ${formatClock(t)} UTC${live[i] ? " (now)" : ""}: ${format(v)}`}</title>
          </circle>
        );
      })}
    </g>
  );
}

function lastValue(values: (number | null)[], format: (value: number) => string): string {
  const last = values.findLast((v) => v !== null);
  return last === undefined || last === null ? "no data yet" : format(last);
}

// Runs of consecutive readings that have a value; a missing value breaks the line.
function segments(times: number[], values: (number | null)[]): [number, number][][] {
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  times.forEach((t, i) => {
    const v = values[i];
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push([t, v]);
  });
  if (run.length) runs.push(run);
  return runs;
}
