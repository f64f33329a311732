// cached(handler): whole responses cached for route handlers, answered with X-Cache.
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";

import { createCache } from "@/lib/cache";
import { cacheForFile } from "../../helpers/cache";
import { manualClock } from "../../helpers/clock";
import { recordingLogger } from "../../helpers/logger";
import { keysOf, patient } from "../../helpers/redis";

const clock = manualClock();
const { redis, namespace, cache } = cacheForFile("route", { now: clock.now });
const context = { params: Promise.resolve({ id: "42" }) };

const get = (path: string, init?: RequestInit) => new Request(`http://blog.test${path}`, init);

function jsonHandler(status = 200) {
  let n = 0;
  return vi.fn(async (request: Request, ctx: typeof context) => {
    n += 1;
    const { id } = await ctx.params;
    return Response.json(
      { n, id, path: new URL(request.url).pathname },
      { status, headers: { "Cache-Control": "public, max-age=60" } },
    );
  });
}

describe("cached()", () => {
  it("answers MISS then HIT with the same status, headers and body", async () => {
    const handler = jsonHandler(201);
    const GET = cache.cached(handler, { timeout: 60 });
    const miss = await GET(get("/api/posts/42"), context);
    expect(miss.headers.get("X-Cache")).toBe("MISS");
    expect(miss.status).toBe(201);
    expect(await miss.json()).toEqual({ n: 1, id: "42", path: "/api/posts/42" });

    const hit = await GET(get("/api/posts/42"), context);
    expect(hit.headers.get("X-Cache")).toBe("HIT");
    expect(hit.status).toBe(201);
    expect(hit.headers.get("content-type")).toBe("application/json");
    expect(hit.headers.get("cache-control")).toBe("public, max-age=60");
    expect(await hit.json()).toEqual({ n: 1, id: "42", path: "/api/posts/42" });
    expect(handler).toHaveBeenCalledTimes(1);

    expect(await keysOf(redis, namespace)).toEqual([`${namespace}:view:/api/posts/42`]);
    expect(await redis.pttl(`${namespace}:view:/api/posts/42`)).toBeGreaterThan(59_000);
  });

  it("keys on the path; without queryString every query shares the entry", async () => {
    const GET = cache.cached(jsonHandler());
    await GET(get("/a?page=1"), context);
    expect((await GET(get("/a?page=2"), context)).headers.get("X-Cache")).toBe("HIT");
    expect((await GET(get("/b"), context)).headers.get("X-Cache")).toBe("MISS");
  });

  it("queryString: sorted parameters are hashed into the key", async () => {
    const handler = jsonHandler();
    const GET = cache.cached(handler, { queryString: true });
    await GET(get("/feed?page=2&tag=redis"), context);
    expect((await GET(get("/feed?tag=redis&page=2"), context)).headers.get("X-Cache")).toBe("HIT");
    expect((await GET(get("/feed?page=3&tag=redis"), context)).headers.get("X-Cache")).toBe("MISS");
    expect(handler).toHaveBeenCalledTimes(2);
    const keys = await keysOf(redis, namespace);
    expect(keys).toHaveLength(2);
    expect(keys.every((k) => /^.+:view:\/feed:[\w-]{22}$/.test(k))).toBe(true);
  });

  it("query: keys on the parsed parameters only; a refused query is answered but not cached", async () => {
    const handler = jsonHandler();
    const schema = z.object({ page: z.coerce.number().int().min(1).default(1) });
    const GET = cache.cached(handler, { query: schema });
    await GET(get("/feed?page=2&junk=a"), context);
    for (const path of ["/feed?junk=b&page=2", "/feed?page=02", "/feed?page=2&page=2&x=1"]) {
      expect((await GET(get(path), context)).headers.get("X-Cache")).toBe("HIT");
    }
    await GET(get("/feed?junk=c"), context);
    expect((await GET(get("/feed?page=1"), context)).headers.get("X-Cache")).toBe("HIT");
    expect((await GET(get("/feed?page=zero"), context)).headers.get("X-Cache")).toBe("BYPASS");
    expect((await GET(get("/feed?page=zero"), context)).headers.get("X-Cache")).toBe("BYPASS");
    expect(handler).toHaveBeenCalledTimes(4);
    expect(await keysOf(redis, namespace)).toHaveLength(2);
  });

  it("unless(request) bypasses the cache, as do methods other than GET", async () => {
    const handler = jsonHandler();
    const GET = cache.cached(handler, {
      unless: (request) => new URL(request.url).searchParams.has("refresh"),
    });
    await GET(get("/p"), context);
    const bypass = await GET(get("/p?refresh"), context);
    expect(bypass.headers.get("X-Cache")).toBe("BYPASS");
    expect((await bypass.json()).n).toBe(2);
    expect((await GET(get("/p"), context)).headers.get("X-Cache")).toBe("HIT");
    const post = await GET(get("/p", { method: "POST", body: "{}" }), context);
    expect(post.headers.get("X-Cache")).toBe("BYPASS");
    expect(handler).toHaveBeenCalledTimes(3);
  });

  it("keyPrefix: a string replaces 'view', a function gives the whole key", async () => {
    await cache.cached(jsonHandler(), { keyPrefix: "api" })(get("/x"), context);
    await cache.cached(jsonHandler(), {
      keyPrefix: async (r) => `user:7:${new URL(r.url).pathname}`,
    })(get("/y"), context);
    expect(await keysOf(redis, namespace)).toEqual([
      `${namespace}:api:/x`,
      `${namespace}:user:7:/y`,
    ]);
  });

  it("caches only 2xx by default; the filter can be replaced", async () => {
    const notFound = jsonHandler(404);
    const GET = cache.cached(notFound);
    expect((await GET(get("/missing"), context)).status).toBe(404);
    expect((await GET(get("/missing"), context)).headers.get("X-Cache")).toBe("MISS");
    expect(notFound).toHaveBeenCalledTimes(2);

    const also404 = cache.cached(jsonHandler(404), {
      responseFilter: (r) => r.status < 500,
      keyPrefix: "lenient",
    });
    await also404(get("/missing"), context);
    expect((await also404(get("/missing"), context)).headers.get("X-Cache")).toBe("HIT");
  });

  it("never stores a response that sets a cookie", async () => {
    const handler = vi.fn(
      async () => new Response("hi", { headers: { "Set-Cookie": "sid=secret" } }),
    );
    const GET = cache.cached(handler, { responseFilter: () => true });
    await GET(get("/login"), context);
    await GET(get("/login"), context);
    expect(handler).toHaveBeenCalledTimes(2);
    expect(await keysOf(redis, namespace)).toEqual([]);
  });

  it("keeps binary bodies and empty 204s intact", async () => {
    const bytes = new Uint8Array([0, 255, 128, 10, 200]);
    const png = cache.cached(
      async () => new Response(bytes, { headers: { "Content-Type": "image/png" } }),
    );
    await png(get("/img"), context);
    const hit = await png(get("/img"), context);
    expect(hit.headers.get("X-Cache")).toBe("HIT");
    expect(new Uint8Array(await hit.arrayBuffer())).toEqual(bytes);

    const empty = cache.cached(async () => new Response(null, { status: 204 }));
    await empty(get("/empty"), context);
    const second = await empty(get("/empty"), context);
    expect(second.status).toBe(204);
    expect(second.headers.get("X-Cache")).toBe("HIT");
  });

  it("concurrent misses call the handler once and each get a readable response", async () => {
    const handler = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 50));
      return Response.json({ ok: true });
    });
    const GET = cache.cached(handler);
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => GET(get("/busy"), context)),
    );
    expect(handler).toHaveBeenCalledTimes(1);
    for (const response of responses) expect(await response.json()).toEqual({ ok: true });
  });

  it("serves STALE within the stale window", async () => {
    const handler = jsonHandler();
    const GET = cache.cached(handler, { timeout: 10, stale: 60 });
    await GET(get("/s"), context);
    clock.advance(10_000);
    const stale = await GET(get("/s"), context);
    expect(stale.headers.get("X-Cache")).toBe("STALE");
    expect((await stale.json()).n).toBe(1);
    await vi.waitFor(() => expect(handler).toHaveBeenCalledTimes(2), {
      timeout: 10_000,
      interval: 20,
    });
  });

  it("group: forgetGroup drops every query variant at once, and only that group's", async () => {
    const handler = jsonHandler();
    const GET = cache.cached(handler, {
      queryString: true,
      group: (r) => `g:${new URL(r.url).pathname}`,
    });
    for (const path of ["/list?limit=1", "/list?limit=2", "/list?limit=3", "/other"])
      await GET(get(path), context);
    expect(handler).toHaveBeenCalledTimes(4);
    expect((await GET(get("/list?limit=2"), context)).headers.get("X-Cache")).toBe("HIT");
    const versionKey = `${namespace}:group:g:/list:version`;
    const before = await redis.get(versionKey);

    expect(await cache.forgetGroup("g:/list")).toBe(true);
    for (const path of ["/list?limit=1", "/list?limit=2", "/list?limit=3"]) {
      const again = await GET(get(path), context);
      expect(again.headers.get("X-Cache"), path).toBe("MISS");
    }
    expect((await GET(get("/other"), context)).headers.get("X-Cache")).toBe("HIT");
    // One new version for the group, whatever the number of variants; the old entries expire by
    // TTL. A version is a token never used before, not a count (docs/decisions/029).
    expect(before).not.toBeNull();
    expect(await redis.get(versionKey)).not.toBe(before);
    expect(await redis.pttl(versionKey)).toBeGreaterThan(6 * 24 * 3600 * 1000);
  });

  it("group: a version Redis cannot give means the request is not cached (BYPASS)", async () => {
    const down = createCache({
      ...patient,
      redis,
      namespace,
      logger: recordingLogger(),
      disabled: true,
    });
    const handler = jsonHandler();
    const GET = down.cached(handler, { group: "g" });
    expect((await GET(get("/d"), context)).headers.get("X-Cache")).toBe("BYPASS");
    expect((await GET(get("/d"), context)).headers.get("X-Cache")).toBe("BYPASS");
    expect(handler).toHaveBeenCalledTimes(2);
    await down.close();
  });

  it("a redirect's immutable headers do not break BYPASS", async () => {
    const GET = cache.cached(async () => Response.redirect("http://blog.test/elsewhere", 302), {
      unless: () => true,
    });
    const response = await GET(get("/old"), context);
    expect(response.status).toBe(302);
    expect(response.headers.get("X-Cache")).toBe("BYPASS");
  });
});
