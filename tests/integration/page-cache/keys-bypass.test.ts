// Which requests share a stored page and under which key: the path and validated parameters
// only, and never for a reader who sends an API key or asks for an RSC payload, nor for a signed-in
// reader where the page has no member variant (member-variant.test.ts has those that do).
import { beforeEach, describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "@/lib/http/credentials";
import { RENDER_HEADER } from "@/lib/page-cache/render";
import { frontPerTest, get, storedPaths } from "./harness";

const site = frontPerTest();
const { redis } = site;

const entryKeys = () => storedPaths(redis, site.front.store);
const load = (path: string, headers: Record<string, string> = {}) =>
  get(site.front.origin, path, headers);

describe("cache keys", () => {
  it("renders a page once, then serves it from Redis", async () => {
    const first = await load("/");
    expect(first.headers["x-cache"]).toBe("MISS");
    const second = await load("/");
    expect(second.headers["x-cache"]).toBe("HIT");
    expect(second.body.toString()).toBe(first.body.toString());
    expect(second.headers["x-powered-by"]).toBe("fake-next"); // the page's own headers are kept
    expect(site.app.renderCount()).toBe(1);
    expect(await entryKeys()).toEqual([site.front.store.entryKey("/")]);
  });

  it("stores / and /?page=1 as one entry", async () => {
    await load("/?page=1");
    expect((await load("/")).headers["x-cache"]).toBe("HIT");
    expect((await load("/?page=01")).headers["x-cache"]).toBe("HIT");
    expect(await entryKeys()).toEqual([site.front.store.entryKey("/")]);
  });

  it("stores /u/Alice and /u/alice as one entry", async () => {
    await load("/u/Alice");
    expect((await load("/u/alice")).headers["x-cache"]).toBe("HIT");
    expect((await load("/u/ALICE")).headers["x-cache"]).toBe("HIT");
    expect(await entryKeys()).toEqual([site.front.store.entryKey("/u/alice")]);
    expect(site.app.renderCount()).toBe(1);
  });

  it("makes no new entry for junk parameters, and renders what it keys with the key's query only", async () => {
    await load("/posts/a-post");
    for (const junk of ["?utm_source=x", "?a=1&b=2", "?page=2", `?x=${"y".repeat(500)}`]) {
      expect((await load(`/posts/a-post${junk}`)).headers["x-cache"]).toBe("HIT");
    }
    expect((await load("/?page=2&junk=1")).headers["x-cache"]).toBe("MISS");
    expect((await load("/?page=2&other=3")).headers["x-cache"]).toBe("HIT");
    expect(await entryKeys()).toEqual(
      [site.front.store.entryKey("/?page=2"), site.front.store.entryKey("/posts/a-post")].sort(),
    );
    expect(site.app.requests.filter((r) => r.render).map((r) => r.url)).toEqual([
      "/posts/a-post",
      "/?page=2",
    ]);
  });

  it("does not store pages a stranger could multiply: refused parameters, far feed pages, the editor", async () => {
    for (const path of [
      "/?page=abc",
      "/?page=0",
      "/?page=51",
      "/posts/new",
      "/posts/Not_A_Slug",
      "/u/x",
      "/search?q=redis",
      "/api/feed",
    ]) {
      const answer = await load(path);
      expect(answer.status, path).toBe(200);
      expect(answer.headers["x-cache"], path).toBeUndefined();
    }
    expect(await entryKeys()).toEqual([]);
    expect(site.app.renderCount()).toBe(0);
  });
});

describe("bypass: what must never be shared", () => {
  beforeEach(async () => {
    // A stored page that a bypassed request must not be given.
    await load("/posts/shared");
    expect((await load("/posts/shared")).headers["x-cache"]).toBe("HIT");
  });

  const cases: [string, string, Record<string, string>][] = [
    [
      "a session cookie, on a page without a member variant",
      "/u/alice",
      { cookie: `theme=dark; ${SESSION_COOKIE}=sealed-session` },
    ],
    ["an API key", "/posts/shared", { "x-api-key": "blog_key_123" }],
    ["an Authorization header", "/posts/shared", { authorization: "Bearer abc" }],
    ["an rsc header", "/posts/shared", { rsc: "1" }],
    ["an _rsc parameter", "/posts/shared?_rsc=abc12", {}],
    ["next-router-prefetch", "/posts/shared", { "next-router-prefetch": "1" }],
    ["next-router-state-tree", "/posts/shared", { "next-router-state-tree": "%5B%5D" }],
    ["next-router-segment-prefetch", "/posts/shared", { "next-router-segment-prefetch": "/_tree" }],
    ["next-action", "/posts/shared", { "next-action": "abc" }],
  ];

  it.each(cases)(
    "passes a request with %s to the app, untouched and unstored",
    async (_, path, headers) => {
      const before = await entryKeys();
      const answer = await load(path, headers);
      expect(answer.headers["x-cache"]).toBe("BYPASS");
      const seen = site.app.requests.at(-1)!;
      expect(seen.render).toBe(false);
      expect(seen.url).toBe(path);
      expect(answer.body.toString()).not.toContain("render 1"); // not the stored page
      expect(await entryKeys()).toEqual(before);
    },
  );

  it("gives an RSC request the RSC payload, and the next document request still the HTML", async () => {
    const rsc = await load("/posts/shared", { rsc: "1" });
    expect(rsc.headers["content-type"]).toBe("text/x-component");
    expect(rsc.body.toString()).toBe("rsc payload of /posts/shared");
    const html = await load("/posts/shared");
    expect(html.headers["x-cache"]).toBe("HIT");
    expect(html.headers["content-type"]).toContain("text/html");
  });

  it("passes POST through", async () => {
    const answer = await get(site.front.origin, "/posts/shared", {}, "POST");
    expect(answer.headers["x-cache"]).toBe("BYPASS");
    expect(site.app.requests.at(-1)).toMatchObject({ method: "POST", render: false });
  });

  it("ignores a cookie that only resembles the session's, and a render header with the wrong token", async () => {
    expect(
      (await load("/posts/shared", { cookie: `not_${SESSION_COOKIE}=x; other=1` })).headers[
        "x-cache"
      ],
    ).toBe("HIT");
    const forged = await load("/posts/shared", { [RENDER_HEADER]: "forged-token" });
    expect(forged.headers["x-cache"]).toBe("HIT");
  });
});

describe("responses that are not stored", () => {
  it("never stores a response that sets a cookie", async () => {
    site.app.on("/posts/sets-cookie", (_req, res) => {
      res
        .writeHead(200, { "content-type": "text/html", "set-cookie": "tracker=1; Path=/" })
        .end("<p>personal</p>");
    });
    const first = await load("/posts/sets-cookie");
    expect(first.headers["x-cache"]).toBe("MISS");
    expect(first.body.toString()).toBe("<p>personal</p>");
    // The reader's cookie comes from their own request to the app, never from the loopback render.
    expect(first.headers["set-cookie"]).toEqual(["tracker=1; Path=/"]);
    expect(
      site.app.requests.filter((r) => r.url === "/posts/sets-cookie").map((r) => r.render),
    ).toEqual([true, false]);
    expect((await load("/posts/sets-cookie")).headers["x-cache"]).toBe("MISS");
    expect(await entryKeys()).toEqual([]);
  });

  it("does not store an error page or anything that is not HTML, and sends it as rendered", async () => {
    site.app.on(
      "/posts/missing",
      (_req, res) =>
        void res.writeHead(404, { "content-type": "text/html" }).end("<p>not found</p>"),
    );
    site.app.on(
      "/posts/json",
      (_req, res) => void res.writeHead(200, { "content-type": "application/json" }).end("{}"),
    );
    const missing = await load("/posts/missing");
    expect([missing.status, missing.headers["x-cache"], missing.body.toString()]).toEqual([
      404,
      "MISS",
      "<p>not found</p>",
    ]);
    const json = await load("/posts/json");
    expect([json.status, json.headers["content-type"], json.body.toString()]).toEqual([
      200,
      "application/json",
      "{}",
    ]);
    expect(await entryKeys()).toEqual([]);
  });
});
