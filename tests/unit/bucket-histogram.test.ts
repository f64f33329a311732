import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { BucketHistogram } from "@/lib/platform/bucket-histogram";

// The same observations in prom-client's own Histogram and in ours must scrape to the same text.
describe("BucketHistogram", () => {
  it("writes what prom-client's Histogram writes for the same observations", async () => {
    const buckets = [0.001, 0.01, 0.1, 1];
    const theirs = new Registry();
    const ours = new Registry();
    const reference = new Histogram({
      name: "test_seconds",
      help: "A test.",
      labelNames: ["command"],
      buckets,
      registers: [theirs],
    });
    const histogram = new BucketHistogram("test_seconds", "A test.", "command", buckets, ours);
    const observations: [string, number][] = [
      ["get", 0.0005],
      ["get", 0.001],
      ["get", 0.05],
      ["set", 2],
      ["get", 0.1],
      ["set", 0.0099],
    ];
    for (const [command, seconds] of observations) {
      reference.labels(command).observe(seconds);
      histogram.observe(command, seconds);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    expect(await ours.metrics()).toContain('test_seconds_bucket{le="+Inf",command="set"} 2');
  });

  it("starts over on reset", async () => {
    const registry = new Registry();
    const histogram = new BucketHistogram("reset_seconds", "A test.", "outcome", [1], registry);
    histogram.observe("HIT", 0.5);
    histogram.reset();
    expect(await registry.metrics()).not.toContain("reset_seconds_count");
  });
});
