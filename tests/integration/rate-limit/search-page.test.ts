// The /search page's limit, decided in proxy.ts, since a page cannot set its own status.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { STATUS_HEADER } from "@/lib/http/response-status";
import type { RateLimitPolicy } from "@/lib/rate-limit/policy";
import { limitSearchPage } from "@/lib/rate-limit/search-page-proxy";
import { limiterOn, prefixPerTest } from "./helpers";

const { redis, prefix } = prefixPerTest();
const policy: RateLimitPolicy = {
  name: "search",
  algorithm: "fixed-window",
  limit: 3,
  windowMs: 60_000,
};

const request = (path: string, address = "203.0.113.61") =>
  new NextRequest(`http://blog.test${path}`, { headers: { "x-forwarded-for": address } });

describe("limitSearchPage", () => {
  it("lets 3 searches through with the limit's headers, then answers 429 with Retry-After and no-store", async () => {
    const limiter = limiterOn(redis, policy, prefix);
    for (let i = 1; i <= 3; i++) {
      const passed = await limitSearchPage(request(`/search?q=a${i}`), limiter);
      expect(passed.headers.get("x-middleware-next")).toBe("1");
      expect(passed.headers.get("x-ratelimit-remaining")).toBe(String(3 - i));
    }
    const refused = await limitSearchPage(request("/search?q=%3Cscript%3E"), limiter);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("x-middleware-next")).toBeNull();
    const wait = Number(refused.headers.get("retry-after"));
    expect(wait).toBeGreaterThan(0);
    // Rewritten to the page that says why; the status travels in a header the server applies.
    expect(refused.headers.get("x-middleware-rewrite")).toBe(
      `http://blog.test/search/slow-down?wait=${wait}`,
    );
    expect(refused.headers.get(STATUS_HEADER)).toBe("429");
    expect(refused.headers.get("cache-control")).toBe("private, no-store");
    // Someone else is not refused.
    expect((await limitSearchPage(request("/search?q=b", "203.0.113.62"), limiter)).status).toBe(
      200,
    );
  });

  it("does not count the empty form (/search without q)", async () => {
    const limiter = limiterOn(redis, { ...policy, limit: 1 }, prefix);
    for (let i = 0; i < 3; i++)
      expect(
        (await limitSearchPage(request("/search"), limiter)).headers.get("x-ratelimit-limit"),
      ).toBeNull();
    expect((await limitSearchPage(request("/search?q="), limiter)).status).toBe(200);
    expect((await limitSearchPage(request("/search?q=x"), limiter)).status).toBe(429);
  });
});
