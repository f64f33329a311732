// The incremental cache handler (ISR, route handlers, fetch) against the test Redis: values
// with bytes and maps come back as they went in, keys are per build, and tags revalidated by
// another instance are honoured on the next get.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { CacheHandlerContext } from "next/dist/server/lib/incremental-cache";
import type { IncrementalCacheValue } from "next/dist/server/response-cache/types";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createIncrementalHandlerClass } from "@/lib/next-cache";
import { manualClock } from "../../helpers/clock";
import { deleteNamespace, testNamespace, testRedis } from "../../helpers/redis";
import { storeOn } from "./helpers";

const admin = testRedis();
const clients = [testRedis(), testRedis()];
const namespace = testNamespace("next-isr");
// Both instances' clock (lastModified, tag records), moved only by the tests.
const clock = manualClock();
const [storeA, storeB] = clients.map((client) => storeOn(client, namespace, { now: clock.now }));
const HandlerA = createIncrementalHandlerClass(() => storeA);
const HandlerB = createIncrementalHandlerClass(() => storeB);

function distDirOfBuild(buildId: string): string {
  const dist = mkdtempSync(path.join(tmpdir(), "next-build-"));
  mkdirSync(path.join(dist, "server"));
  writeFileSync(path.join(dist, "BUILD_ID"), buildId);
  return path.join(dist, "server");
}

const context = (buildId = "build-1") =>
  ({
    serverDistDir: distDirOfBuild(buildId),
    revalidatedTags: [],
    _requestHeaders: {},
  }) as CacheHandlerContext;

const page = (html: string, tags = "_N_T_/posts,post:1") =>
  ({
    kind: "APP_PAGE",
    html,
    rscData: Buffer.from([0, 1, 2, 255]),
    headers: { "x-next-cache-tags": tags },
    postponed: undefined,
    status: 200,
    segmentData: new Map([["/_tree", Buffer.from("tree")]]),
  }) as unknown as IncrementalCacheValue;

const pageContext = { kind: "APP_PAGE", isFallback: false } as const;
const cacheControl = { revalidate: 60, expire: 3600 };

afterEach(() => deleteNamespace(admin, namespace));
afterAll(async () => {
  await Promise.all([storeA.access.close(), storeB.access.close()]);
  for (const client of [admin, ...clients]) client.disconnect();
});

describe("incremental cache handler", () => {
  it("gives back a page with its bytes, map and lifetime, to another instance too", async () => {
    const a = new HandlerA(context());
    await a.set("/posts/1", page("<html>one</html>"), { cacheControl });
    const found = await new HandlerB(context()).get("/posts/1", pageContext);
    expect(found?.value).toEqual(page("<html>one</html>"));
    expect(Buffer.isBuffer((found?.value as { rscData?: unknown } | undefined)?.rscData)).toBe(
      true,
    );
    expect(found?.cacheControl).toEqual(cacheControl);
    expect(await a.get("/absent", pageContext)).toBeNull();
    const ttl = await admin.pttl(storeA.entryKey("isr", "build-1\0/posts/1"));
    expect(ttl).toBeGreaterThan(3_500_000);
    expect(ttl).toBeLessThanOrEqual(3_600_000);
  });

  it("never serves one build's entry to another build", async () => {
    await new HandlerA(context("build-1")).set("/posts/1", page("old build"), { cacheControl });
    expect(await new HandlerB(context("build-2")).get("/posts/1", pageContext)).toBeNull();
  });

  it("misses once a tag in the page's tags header is revalidated by another instance", async () => {
    await new HandlerA(context()).set("/posts/1", page("v1"), { cacheControl });
    clock.advance(1);
    await new HandlerB(context()).revalidateTag("post:1");
    expect(await new HandlerA(context()).get("/posts/1", pageContext)).toBeNull();
  });

  it("serves as fresh a page stored in the millisecond its tag is revalidated (Next's areTagsExpired, areTagsStale)", async () => {
    await new HandlerA(context()).set("/posts/1", page("v1"), { cacheControl });
    await new HandlerB(context()).revalidateTag("post:1");
    await new HandlerB(context()).revalidateTag(["post:1"], { expire: 0 });
    clock.advance(1); // the expiry has come, and still does not count for this page
    const found = await new HandlerA(context()).get("/posts/1", pageContext);
    expect(found?.value).toEqual(page("v1"));
    expect(clock.now() - found!.lastModified).toBe(1);
  });

  it("serves a page whose tag is stale as old enough to be regenerated in the background", async () => {
    await new HandlerA(context()).set("/posts/1", page("v1"), { cacheControl });
    clock.advance(1);
    await new HandlerB(context()).revalidateTag(["post:1"], { expire: 3600 });
    const found = await new HandlerA(context()).get("/posts/1", pageContext);
    expect(found?.value).toEqual(page("v1"));
    const age = clock.now() - found!.lastModified;
    expect(age).toBeGreaterThan(60_000);
    expect(age).toBeLessThan(3_600_000);
  });

  it("checks a fetch entry's tags and the soft tags of the request", async () => {
    const fetched = {
      kind: "FETCH",
      data: { headers: {}, body: "e30=", status: 200, url: "http://x" },
      tags: ["api"],
      revalidate: 30,
    };
    const a = new HandlerA(context());
    await a.set("fetch-key", fetched as unknown as IncrementalCacheValue, {
      fetchCache: true,
      tags: ["api"],
    });
    const fetchContext = { kind: "FETCH", tags: ["api"], softTags: ["_N_T_/feed"] };
    expect((await a.get("fetch-key", fetchContext))?.value).toEqual(fetched);
    clock.advance(1);
    await new HandlerB(context()).revalidateTag("_N_T_/feed");
    expect(await a.get("fetch-key", fetchContext)).toBeNull();
  });
});
