// How a stored page is sent: compressed once (brotli if it pays, gzip), or plain for a client
// that takes neither; ETag and 304; HEAD without a body; headers a browser or CDN may honour.
import { randomBytes } from "node:crypto";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { beforeEach, describe, expect, it } from "vitest";
import { buildEntry } from "@/lib/page-cache/entry";
import { frontPerTest, get, newBuildId, page, startFront } from "./harness";

const site = frontPerTest();
const PATH = "/posts/sent-page";
const BODY = page(PATH, 1);

const load = (headers: Record<string, string> = {}, method = "GET") =>
  get(site.front.origin, PATH, headers, method);

describe.each(["MISS", "HIT"])("a page sent on a %s", (outcome) => {
  beforeEach(async () => {
    if (outcome === "HIT") await load();
  });

  it("is brotli for a client that accepts it", async () => {
    const answer = await load({ "accept-encoding": "gzip, deflate, br, zstd" });
    expect(answer.headers["x-cache"]).toBe(outcome);
    expect(answer.headers["content-encoding"]).toBe("br");
    expect(Number(answer.headers["content-length"])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(BODY.length / 4);
    expect(brotliDecompressSync(answer.body).toString()).toBe(BODY);
  });

  it("is gzip for a client that takes gzip only", async () => {
    const answer = await load({ "accept-encoding": "gzip" });
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(answer.body).toString()).toBe(BODY);
  });

  it("is plain for a client that accepts no encoding", async () => {
    for (const headers of [{}, { "accept-encoding": "identity" }] as Record<string, string>[]) {
      const answer = await load(headers);
      expect(answer.headers["content-encoding"]).toBeUndefined();
      expect(answer.body.toString()).toBe(BODY);
      expect(Number(answer.headers["content-length"])).toBe(Buffer.byteLength(BODY));
    }
  });

  it.each([
    ["br;q=0, gzip", "gzip"],
    ["gzip;q=0, identity", undefined],
    ["GZIP, BR", "br"],
    ["gzip;q=0.5, br;q=1.0", "br"],
    ["deflate", undefined],
  ])("honours Accept-Encoding %j: %s", async (accept, expected) => {
    const answer = await load({ "accept-encoding": accept });
    expect(answer.headers["content-encoding"]).toBe(expected);
    const body =
      expected === "br"
        ? brotliDecompressSync(answer.body)
        : expected === "gzip"
          ? gunzipSync(answer.body)
          : answer.body;
    expect(body.toString()).toBe(BODY);
  });

  it("carries an ETag, revalidation headers and a Server-Timing that says when it was stored", async () => {
    const answer = await load();
    expect(answer.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}(-br|-gz)?"$/);
    expect(answer.headers["cache-control"]).toBe("public, max-age=0, s-maxage=5, must-revalidate");
    expect(answer.headers.vary).toContain("Accept-Encoding");
    expect(answer.headers.vary).toContain("Cookie");
    expect(answer.headers.vary).toContain("RSC");
    expect(answer.headers["server-timing"]).toMatch(
      new RegExp(`^page-cache;desc="${outcome} stored \\d{4}-\\d\\d-\\d\\dT[^"]+Z";dur=[\\d.]+$`),
    );
  });

  it("answers a HEAD with the headers and no body", async () => {
    const answer = await load({ "accept-encoding": "gzip" }, "HEAD");
    expect(answer.status).toBe(200);
    expect(answer.headers["x-cache"]).toBe(outcome);
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(Number(answer.headers["content-length"])).toBeGreaterThan(0);
    expect(answer.headers.etag).toBeDefined();
    expect(answer.body.length).toBe(0);
  });
});

describe("revalidation by ETag", () => {
  it("answers a matching If-None-Match with 304 and no body, and a stale one with the page", async () => {
    const { headers } = await load({ "accept-encoding": "br" });
    const etag = headers.etag!;
    for (const sent of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const answer = await load({ "if-none-match": sent, "accept-encoding": "br" });
      expect(answer.status, sent).toBe(304);
      expect(answer.body.length).toBe(0);
      expect(answer.headers.etag).toBe(etag);
      expect(answer.headers["x-cache"]).toBe("HIT");
    }
    const changed = await load({ "if-none-match": '"an-older-version"' });
    expect(changed.status).toBe(200);
    expect(changed.body.toString()).toBe(BODY);
  });

  it("gives each encoding its own ETag, and answers 304 only for the encoding the client holds", async () => {
    const [plain, brotli, gzip] = await Promise.all([
      load({ "accept-encoding": "identity" }),
      load({ "accept-encoding": "br" }),
      load({ "accept-encoding": "gzip" }),
    ]);
    const etags = [plain, brotli, gzip].map((answer) => answer.headers.etag);
    expect(new Set(etags).size).toBe(3);
    expect(etags[1]).toBe(`${etags[0]!.slice(0, -1)}-br"`);
    // A client (or a shared cache in front of it) holding the brotli body, now asking for gzip.
    const otherEncoding = await load({ "if-none-match": etags[1]!, "accept-encoding": "gzip" });
    expect(otherEncoding.status).toBe(200);
    expect(gunzipSync(otherEncoding.body).toString()).toBe(BODY);
    expect((await load({ "if-none-match": etags[2]!, "accept-encoding": "gzip" })).status).toBe(
      304,
    );
  });

  it("gives a new ETag when the page changes", async () => {
    const plain = await load();
    await site.front.store.tags.purge(["post:sent-page"]);
    const rendered = await load();
    expect(rendered.headers["x-cache"]).toBe("MISS");
    expect(rendered.body.toString()).toBe(page(PATH, 2));
    expect(rendered.headers.etag).not.toBe(plain.headers.etag);
    expect((await load({ "if-none-match": plain.headers.etag! })).status).toBe(200);
  });
});

describe("stored encodings", () => {
  it("keeps brotli only when it is clearly smaller than gzip", () => {
    const compressible = buildEntry(
      { status: 200, headers: [], body: Buffer.from(BODY), tags: [] },
      30,
    );
    expect(compressible.brotli).not.toBeNull();
    const noise = buildEntry({ status: 200, headers: [], body: randomBytes(20_000), tags: [] }, 30);
    expect(noise.brotli).toBeNull();
    expect(noise.meta.brotliBytes).toBe(0);
  });

  it("sends gzip to a brotli client when no brotli was kept", async () => {
    const noise = randomBytes(20_000).toString("latin1");
    site.app.on(
      "/posts/noise",
      (_req, res) =>
        void res
          .writeHead(200, { "content-type": "text/html; charset=latin1" })
          .end(Buffer.from(noise, "latin1")),
    );
    await get(site.front.origin, "/posts/noise");
    const answer = await get(site.front.origin, "/posts/noise", { "accept-encoding": "br, gzip" });
    expect(answer.headers["x-cache"]).toBe("HIT");
    expect(answer.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(answer.body).equals(Buffer.from(noise, "latin1"))).toBe(true);
  });

  it("does not store a page over the size bound, and still sends it", async () => {
    await site.front.close();
    site.front = await startFront(site.app, {
      buildId: newBuildId(),
      store: { maxEntryBytes: 100 },
    });
    const answer = await load({ "accept-encoding": "gzip" });
    expect(answer.headers["x-cache"]).toBe("MISS");
    expect(gunzipSync(answer.body).toString()).toBe(BODY);
    expect((await load()).headers["x-cache"]).toBe("MISS");
    expect(site.app.renderCount(PATH)).toBe(2);
  });
});

describe("a render for the shared cache", () => {
  it("carries nothing the reader chose: a forged Host never reaches the page that every reader gets", async () => {
    await load({ host: "evil.example" });
    const renders = site.app.requests.filter((r) => r.render);
    expect(renders).toHaveLength(1);
    expect(renders[0].headers.host).toMatch(/^127\.0\.0\.1:\d+$/);
  });
});
