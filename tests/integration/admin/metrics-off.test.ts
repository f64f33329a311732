// Without METRICS_TOKEN there is no metrics endpoint, whatever a client sends.
import { expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";

it("GET /api/metrics is off (404) while METRICS_TOKEN is unset", async () => {
  expect(process.env.METRICS_TOKEN).toBeUndefined();
  for (const authorization of [undefined, "Bearer ", "Bearer undefined"]) {
    const response = await GET(
      new Request("http://blog.test/api/metrics", {
        headers: authorization ? { authorization } : {},
      }),
    );
    expect(response.status, String(authorization)).toBe(404);
  }
});
