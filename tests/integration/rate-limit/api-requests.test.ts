// The API-wide limit as proxy.ts runs it, and the per-route wrapper GET /api/search uses.
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/domains/api-keys";
import { json } from "@/lib/http/api";
import { AppError } from "@/lib/platform/errors";
import { limitApiRequest } from "@/lib/rate-limit/api-proxy";
import { withRateLimit } from "@/lib/rate-limit/with-rate-limit";
import { userForFile } from "../../helpers/factories";
import { limiterOn, prefixPerTest, tenPerHour, tenPerMinute, times } from "./helpers";

const { redis, prefix } = prefixPerTest();
const [api, search] = [tenPerHour, tenPerMinute];
const owner = userForFile();

const request = (path: string, headers: Record<string, string> = {}) =>
  new NextRequest(`http://blog.test${path}`, {
    headers: { "x-forwarded-for": "203.0.113.50", ...headers },
  });
const passedOn = (response: Response) => response.headers.get("x-middleware-next") === "1";

describe("the API limit (proxy.ts)", () => {
  it("passes exactly 10 of 100 parallel requests on and answers the rest 429 with every header", async () => {
    const limiter = limiterOn(redis, api, prefix);
    const responses = await Promise.all(
      times(100, () => limitApiRequest(request("/api/posts/1"), limiter)),
    );
    const passed = responses.filter(passedOn);
    expect(passed).toHaveLength(10);
    expect(passed.map((r) => r.headers.get("X-RateLimit-Remaining")).sort()).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
    ]);
    for (const response of passed) {
      expect(response.headers.get("X-RateLimit-Limit")).toBe("10");
      expect(response.headers.get("RateLimit-Policy")).toBe('"api";q=10;w=3600');
    }
    const refused = responses.filter((r) => !passedOn(r));
    expect(refused.every((r) => r.status === 429)).toBe(true);
    const [first] = refused;
    const retryAfter = Number(first.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(3590);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(first.headers.get("X-RateLimit-Remaining")).toBe("0");
    expect(Number(first.headers.get("X-RateLimit-Reset"))).toBeCloseTo(
      Date.now() / 1000 + retryAfter,
      -1,
    );
    expect(first.headers.get("RateLimit")).toBe(`"api";r=0;t=${retryAfter}`);
    const body = await first.json();
    expect(body).toEqual({
      error: {
        code: "rate_limited",
        message: expect.stringContaining("the limit is 10 per hour"),
        retryAfter,
      },
    });
  });

  it("counts a valid API key on its own, and an invalid or revoked one against the address", async () => {
    const limiter = limiterOn(redis, { ...api, limit: 2 }, prefix);
    const { key, token } = await createApiKey(owner.id, { name: "limits" });
    const revoked = await createApiKey(owner.id, { name: "old" });
    await revokeApiKey(owner.id, revoked.key.id);
    for (let i = 0; i < 3; i++)
      await limitApiRequest(request("/api/posts", { "x-api-key": token }), limiter);
    expect(await redis.zcard(`${prefix}:api:key:${key.id}`)).toBe(2);
    await limitApiRequest(request("/api/posts", { "x-api-key": "blog_nonsense" }), limiter);
    await limitApiRequest(request("/api/posts", { "x-api-key": revoked.token }), limiter);
    expect(await redis.zcard(`${prefix}:api:ip:203.0.113.50`)).toBe(2);
    expect(passedOn(await limitApiRequest(request("/api/posts"), limiter))).toBe(false);
  });

  it("counts /api/search but leaves its headers to the search limit", async () => {
    const limiter = limiterOn(redis, api, prefix);
    const response = await limitApiRequest(request("/api/search?q=redis"), limiter);
    expect(passedOn(response)).toBe(true);
    expect(response.headers.get("X-RateLimit-Limit")).toBeNull();
    expect(await redis.zcard(`${prefix}:api:ip:203.0.113.50`)).toBe(1);
  });
});

describe("withRateLimit (GET /api/search)", () => {
  it("runs the handler for 10 of 100 parallel requests and answers the others 429", async () => {
    const limiter = limiterOn(redis, search, prefix);
    const handler = vi.fn(async () => json({ results: [] }));
    const GET = withRateLimit(() => limiter, handler);
    const responses = await Promise.all(times(100, () => GET(request("/api/search?q=x"), {})));
    expect(handler).toHaveBeenCalledTimes(10);
    const ok = responses.filter((r) => r.status === 200);
    expect(ok).toHaveLength(10);
    expect(ok.every((r) => r.headers.get("RateLimit-Policy") === '"search";q=10;w=60')).toBe(true);
    expect(await ok[0].json()).toEqual({ results: [] });
    const refused = responses.filter((r) => r.status === 429);
    expect(refused).toHaveLength(90);
    expect(Number(refused[0].headers.get("Retry-After"))).toBeLessThanOrEqual(60);
    expect((await refused[0].json()).error.message).toMatch(
      /^Too many requests: the limit is 10 per minute\. Try again in (\d+ seconds|1 minute)\.$/,
    );
  });

  it("puts the headers on the handler's error responses too", async () => {
    const limiter = limiterOn(redis, search, prefix);
    const GET = withRateLimit(
      () => limiter,
      async () => {
        throw new AppError("validation_failed", "Type something to search for.", {
          q: "Type something to search for.",
        });
      },
    );
    const response = await GET(request("/api/search?q="), {});
    expect(response.status).toBe(400);
    expect(response.headers.get("X-RateLimit-Remaining")).toBe("9");
    expect((await response.json()).error.code).toBe("validation_failed");
  });
});
