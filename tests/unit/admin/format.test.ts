import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, formatPercent, formatTtl } from "@/lib/admin/format";

describe("admin formats", () => {
  it("bytes, percentages, durations and TTLs", () => {
    expect([
      formatBytes(512),
      formatBytes(2048),
      formatBytes(5 * 1024 ** 2),
      formatBytes(null),
    ]).toEqual(["512 B", "2.0 KiB", "5.0 MiB", "—"]);
    expect([formatPercent(0.8766), formatPercent(null)]).toEqual(["87.7%", "—"]);
    expect([
      formatDuration(42),
      formatDuration(90),
      formatDuration(120),
      formatDuration(93_784),
    ]).toEqual(["42 s", "1 min 30 s", "2 min", "1 d 2 h 3 min"]);
    expect([formatTtl(-1), formatTtl(-2), formatTtl(250), formatTtl(299_500)]).toEqual([
      "no expiry",
      "gone",
      "250 ms",
      "5 min",
    ]);
  });
});
