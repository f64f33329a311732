import { describe, expect, it } from "vitest";
import { parseSample, type Sample, toPoints } from "@/lib/admin/samples";

const MINUTE = 60_000;
const sample = (minute: number, fields: Partial<Sample> = {}): Sample => ({
  at: minute * MINUTE,
  appServed: 0,
  appMisses: 0,
  keyspaceHits: 0,
  keyspaceMisses: 0,
  keys: 100,
  usedMemory: 1_000,
  opsPerSecond: 5,
  ...fields,
});

describe("toPoints", () => {
  it("turns cumulative counters into per-interval hit rates and lookups per minute", () => {
    const points = toPoints([
      sample(0, { appServed: 100, appMisses: 100, keyspaceHits: 10, keyspaceMisses: 10 }),
      sample(1, { appServed: 190, appMisses: 110, keyspaceHits: 40, keyspaceMisses: 20 }),
      sample(3, { appServed: 190, appMisses: 110, keyspaceHits: 40, keyspaceMisses: 20, keys: 20 }),
    ]);
    expect(points.map((p) => p.appHitRate)).toEqual([null, 0.9, null]);
    expect(points.map((p) => p.keyspaceHitRate)).toEqual([null, 0.75, null]);
    expect(points.map((p) => p.appLookupsPerMinute)).toEqual([null, 100, 0]);
    expect(points.map((p) => p.keys)).toEqual([100, 100, 20]);
    expect(points.every((p) => !p.live)).toBe(true);
  });

  it("counts from zero when a counter went down (Redis restarted, statistics lost)", () => {
    const [, point] = toPoints([
      sample(0, { appServed: 500, appMisses: 500 }),
      sample(1, { appServed: 3, appMisses: 1 }),
    ]);
    expect(point.appHitRate).toBe(0.75);
  });

  it("appends the live reading, with no rate over an interval of a few seconds", () => {
    const stored = [sample(0, { appServed: 10, appMisses: 10 })];
    const soon = toPoints(stored, { ...sample(0, { appServed: 12, appMisses: 10 }), at: 2_000 });
    expect(soon[1]).toMatchObject({ live: true, appHitRate: 1, appLookupsPerMinute: null });
    const later = toPoints(stored, { ...sample(0, { appServed: 40, appMisses: 10 }), at: 30_000 });
    expect(later[1]).toMatchObject({ live: true, appHitRate: 1, appLookupsPerMinute: 60 });
  });
});

describe("parseSample", () => {
  it("accepts a stored sample and refuses anything else", () => {
    expect(parseSample(JSON.stringify(sample(5)))).toEqual(sample(5));
    expect(parseSample("not json")).toBeNull();
    expect(parseSample("[]")).toBeNull();
    expect(parseSample(JSON.stringify({ ...sample(5), keys: "many" }))).toBeNull();
  });
});
