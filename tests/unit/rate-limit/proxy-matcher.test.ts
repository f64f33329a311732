import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config } from "@/proxy";

const runsOn = (url: string, headers?: Record<string, string>) =>
  unstable_doesMiddlewareMatch({ config, url, headers });
// A client-side navigation or a prefetch: Next asks for the page's RSC payload, not a document.
const RSC = { rsc: "1" };

describe("proxy.ts matcher", () => {
  it("runs the API limit on every /api route", () => {
    for (const url of [
      "/api/posts",
      "/api/posts/12",
      "/api/feed?page=2",
      "/api/search?q=redis",
      "/api/leaderboard",
      "/api/healthz",
      "/api/events-archive",
      "/api/admin/cache/stats",
      "/api/admin/events-log",
      "/api/views-archive",
      "/api/metrics-archive",
    ]) {
      expect(runsOn(url), url).toBe(true);
    }
  });

  it("runs the search limit on the /search page, where a refusal must answer 429, navigated to too", () => {
    for (const url of ["/search", "/search?q=redis"]) {
      expect(runsOn(url), url).toBe(true);
      expect(runsOn(url, RSC), url).toBe(true);
    }
    for (const url of ["/search/slow-down", "/searching", "/api-search"])
      expect(runsOn(url, RSC), url).toBe(false);
  });

  it("leaves out health checks, metrics scrapes, Server-Sent Events and view counts", () => {
    for (const url of [
      "/api/health",
      "/api/metrics",
      "/api/events",
      "/api/views",
      "/api/events/",
      "/api/admin/events",
    ]) {
      expect(runsOn(url), url).toBe(false);
    }
  });

  // decision 027: the nonce of a page's Content-Security-Policy is made per document.
  it("runs on every page loaded as a document, not on navigations, prefetches or static files", () => {
    for (const url of ["/", "/settings", "/signin", "/posts/hello", "/search/slow-down"])
      expect(runsOn(url), url).toBe(true);
    for (const url of ["/", "/settings", "/signin", "/posts/hello"])
      expect(runsOn(url, RSC), url).toBe(false);
    for (const url of ["/_next/static/chunks/app.js", "/_next/image?url=x"])
      expect(runsOn(url), url).toBe(false);
  });

  it("runs on every server action (a Next-Action header), on any page, to check where it comes from", () => {
    for (const url of [
      "/signin",
      "/signup",
      "/posts/new",
      "/posts/hello",
      "/u/someone",
      "/settings",
      "/admin/cache",
      "/",
    ]) {
      expect(runsOn(url, { "next-action": "7f00aa" }), url).toBe(true);
    }
  });

  it("runs on every request with a body to a page (a form posted without JavaScript), not on reads", () => {
    const form = { "content-type": "multipart/form-data; boundary=x" };
    for (const url of ["/settings", "/signin", "/posts/hello", "/"])
      expect(runsOn(url, form), url).toBe(true);
    for (const url of ["/settings", "/posts/hello"]) expect(runsOn(url, RSC), url).toBe(false);
  });
});
