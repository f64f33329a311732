import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LineChart, niceMax } from "@/components/admin/LineChart";

const MINUTE = 60_000;
const to = Date.UTC(2026, 10, 26, 12, 0);
const from = to - 60 * MINUTE;

function render(values: (number | null)[], extra: Partial<Parameters<typeof LineChart>[0]> = {}) {
  const times = values.map((_, i) => to - (values.length - 1 - i) * MINUTE);
  return renderToStaticMarkup(
    createElement(LineChart, {
      title: "Hit rate per minute",
      times,
      live: values.map((_, i) => i === values.length - 1),
      series: [{ name: "App <caches>", className: "series-app", values }],
      from,
      to,
      max: 1,
      format: (v: number) => `${Math.round(v * 100)}%`,
      testId: "chart",
      ...extra,
    }),
  );
}

describe("LineChart", () => {
  it("draws a dot per reading with a value, the live one as a ring, and labelled axes", () => {
    const svg = render([0.5, 0.75, null, 0.9, 1]);
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg.match(/class="point live"/g)).toHaveLength(1);
    // A missing reading breaks the line in two.
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    for (const label of ["0%", "25%", "50%", "75%", "100%", "11:00", "11:30", "12:00"])
      expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain("App &lt;caches&gt; at 12:00 UTC (now): 100%");
    expect(svg).not.toContain("<caches>");
  });

  it("says there is no data rather than drawing nothing silently", () => {
    const svg = render([null, null]);
    expect(svg).not.toContain("<circle");
    expect(svg).toContain("no data yet");
  });

  it("scales a value axis to a round number above the largest value", () => {
    expect([niceMax(0), niceMax(7), niceMax(130), niceMax(1_000), niceMax(4_200)]).toEqual([
      1, 10, 200, 1_000, 5_000,
    ]);
    const svg = render([120, 80], { max: undefined, format: (v: number) => String(v) });
    expect(svg).toContain(">200</text>");
  });
});
