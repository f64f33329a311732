import type { Metric, Registry } from "prom-client";

// A Prometheus histogram over one label, for what is measured on every request (each Redis
// command, each page-cache answer): an observation is a bucket search and three additions.
// prom-client's Histogram validates and hashes its labels on every observe, its children too,
// which was 3% of a page-cache HIT's CPU. Written out by the same registry, in the same format:
// `_bucket` lines (cumulative, `le` first), `_sum` and `_count` per label value.

type Line = { metricName: string; labels: Record<string, string | number>; value: number };

interface Series {
  buckets: Float64Array; // per upper bound, not cumulative; the last is +Inf
  sum: number;
  count: number;
}

export class BucketHistogram {
  readonly type = "histogram";
  readonly aggregator = "sum";
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly label: string,
    private readonly upperBounds: readonly number[],
    registry: Registry,
  ) {
    // The registry asks a metric only for these members and get().
    registry.registerMetric(this as unknown as Metric);
  }

  /** Records `seconds` under the label's value. */
  observe(value: string, seconds: number): void {
    let series = this.series.get(value);
    if (!series) {
      series = { buckets: new Float64Array(this.upperBounds.length + 1), sum: 0, count: 0 };
      this.series.set(value, series);
    }
    let bucket = 0;
    while (bucket < this.upperBounds.length && seconds > this.upperBounds[bucket]) bucket += 1;
    series.buckets[bucket] += 1;
    series.sum += seconds;
    series.count += 1;
  }

  get(): Promise<{ name: string; help: string; type: string; values: Line[]; aggregator: string }> {
    const values: Line[] = [];
    for (const [value, series] of this.series) {
      const labels = { [this.label]: value };
      let cumulative = 0;
      series.buckets.forEach((count, bucket) => {
        cumulative += count;
        const le = bucket < this.upperBounds.length ? this.upperBounds[bucket] : "+Inf";
        values.push({
          metricName: `${this.name}_bucket`,
          labels: { le, ...labels },
          value: cumulative,
        });
      });
      values.push({ metricName: `${this.name}_sum`, labels, value: series.sum });
      values.push({ metricName: `${this.name}_count`, labels, value: series.count });
    }
    const { name, help, type, aggregator } = this;
    return Promise.resolve({ name, help, type, values, aggregator });
  }

  reset(): void {
    this.series.clear();
  }
}
