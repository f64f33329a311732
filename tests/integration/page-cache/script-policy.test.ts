// A stored page's Content-Security-Policy: the render's policy (no nonce, no inline script) with
// the hashes of the page's own inline scripts, computed once when the entry is built and sent on
// every hit; also for a page sent raw from a render; a page whose scripts cannot be read is not
// stored and goes to Next, which gives it a nonce.
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { scriptHash } from "@/lib/page-cache/script-policy";
import { frontPerTest, get, storedPaths } from "./harness";

const site = frontPerTest();
const RENDER_POLICY = "default-src 'self'; script-src 'self'; frame-ancestors 'none'";
const SCRIPTS = ["self.__next_f=[]", 'self.__next_f.push([1,"a"])'];
const PAGE = `<!doctype html><html><head><script src="/_next/a.js"></script></head><body><p>page</p>${SCRIPTS.map((s) => `<script>${s}</script>`).join("")}</body></html>`;
const HASHED = `default-src 'self'; script-src 'self' ${SCRIPTS.map(scriptHash).join(" ")}; frame-ancestors 'none'`;

function answer(res: ServerResponse, status: number, body: string, policy = RENDER_POLICY) {
  res
    .writeHead(status, {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": policy,
    })
    .end(body);
}

describe("the policy of a page from the page cache", () => {
  it("names the page's inline scripts by hash, on the miss that stores it and on every hit", async () => {
    site.app.on("/posts/with-scripts", (_req, res) => answer(res, 200, PAGE));
    const miss = await get(site.front.origin, "/posts/with-scripts");
    const hit = await get(site.front.origin, "/posts/with-scripts");
    expect([miss.headers["x-cache"], hit.headers["x-cache"]]).toEqual(["MISS", "HIT"]);
    for (const sent of [miss, hit]) {
      expect(sent.headers["content-security-policy"]).toBe(HASHED);
      expect(sent.body.toString()).toBe(PAGE);
    }
    expect(site.app.renderCount("/posts/with-scripts")).toBe(1);
  });

  it("names them on a page sent from a render but not stored", async () => {
    site.app.on("/posts/missing", (_req, res) => answer(res, 404, PAGE));
    const sent = await get(site.front.origin, "/posts/missing");
    expect(sent.status).toBe(404);
    expect(sent.headers["content-security-policy"]).toBe(HASHED);
    expect(await storedPaths(site.redis, site.front.store)).toEqual([]);
  });

  it("does not store a page whose scripts it cannot read: Next answers the reader with its own policy", async () => {
    site.app.on("/posts/unreadable", (req, res) =>
      answer(
        res,
        200,
        "<script>a='<!--'; b='<script>'</script>x</script>",
        req.headers["x-page-cache-render"] ? RENDER_POLICY : "script-src 'nonce-reader'",
      ),
    );
    const sent = await get(site.front.origin, "/posts/unreadable");
    expect(sent.headers["x-cache"]).toBe("MISS");
    expect(sent.headers["content-security-policy"]).toBe("script-src 'nonce-reader'");
    expect(await storedPaths(site.redis, site.front.store)).toEqual([]);
  });
});
