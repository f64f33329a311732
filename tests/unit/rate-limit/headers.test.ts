import { describe, expect, it } from "vitest";
import {
  describeWait,
  describeWindow,
  rateLimitedResponse,
  rateLimitHeaders,
  withRateLimitHeaders,
} from "@/lib/rate-limit/headers";
import type { Decision, RateLimitPolicy } from "@/lib/rate-limit/policy";

const policy: RateLimitPolicy = {
  name: "api",
  algorithm: "sliding-log",
  limit: 100,
  windowMs: 3_600_000,
};
const allowed: Decision = {
  allowed: true,
  limit: 100,
  remaining: 42,
  resetMs: 1_186_400,
  store: "redis",
};
const refused: Decision = {
  allowed: false,
  limit: 100,
  remaining: 0,
  resetMs: 36_200,
  store: "redis",
};

describe("rate-limit headers", () => {
  it("follow the IETF draft's structured-field syntax and the X-RateLimit convention", () => {
    expect(rateLimitHeaders(policy, allowed, 1_700_000_000_000)).toEqual({
      "X-RateLimit-Limit": "100",
      "X-RateLimit-Remaining": "42",
      "X-RateLimit-Reset": "1700001187",
      "RateLimit-Policy": '"api";q=100;w=3600',
      RateLimit: '"api";r=42;t=1187',
    });
  });

  it("never announce a window shorter than a second", () => {
    const short = { ...policy, windowMs: 250 };
    expect(rateLimitHeaders(short, { ...allowed, resetMs: 120 })["RateLimit-Policy"]).toBe(
      '"api";q=100;w=1',
    );
  });

  it("answer 429 with the documented body, Retry-After and the same fields", async () => {
    const response = rateLimitedResponse(policy, refused);
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("37");
    expect(response.headers.get("RateLimit")).toBe('"api";r=0;t=37');
    expect(response.headers.get("X-RateLimit-Remaining")).toBe("0");
    expect(response.headers.get("Content-Type")).toContain("application/json");
    expect(await response.json()).toEqual({
      error: {
        code: "rate_limited",
        message: "Too many requests: the limit is 100 per hour. Try again in 37 seconds.",
        retryAfter: 37,
      },
    });
  });

  it("Retry-After is at least one second, so clients never retry at once", () => {
    expect(rateLimitedResponse(policy, { ...refused, resetMs: 3 }).headers.get("Retry-After")).toBe(
      "1",
    );
  });

  it("are added to a response whose headers cannot be changed", async () => {
    const original = Response.redirect("http://blog.test/elsewhere", 302);
    const response = withRateLimitHeaders(original, policy, allowed);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("http://blog.test/elsewhere");
    expect(response.headers.get("X-RateLimit-Remaining")).toBe("42");
  });

  it("describe windows and waits in words", () => {
    expect([3_600_000, 7_200_000, 60_000, 900_000, 1_000, 30_000].map(describeWindow)).toEqual([
      "hour",
      "2 hours",
      "minute",
      "15 minutes",
      "second",
      "30 seconds",
    ]);
    expect([1, 59, 60, 61, 840].map(describeWait)).toEqual([
      "1 second",
      "59 seconds",
      "1 minute",
      "2 minutes",
      "14 minutes",
    ]);
  });
});
