// Purge by tag: a change deletes the stored pages that show it, and only those; and a render
// that read the data before a purge never leaves its page behind it.
import { describe, expect, it, vi } from "vitest";
import { postPageTag, tags, userPageTag } from "@/lib/blog-cache/tags";
import { purgePages } from "@/lib/page-cache/purge";
import { ALL_PAGES } from "@/lib/page-cache/tag-index";
import { deferred } from "../../helpers/async";
import { frontPerTest, get, page, storedPaths } from "./harness";

const site = frontPerTest();
const { redis } = site;
const PAGES = [
  "/",
  "/?page=2",
  "/posts/first-post",
  "/posts/second-post",
  "/u/alice",
  "/u/bob",
  "/leaderboard",
  "/patterns",
];

const outcome = async (path: string) => (await get(site.front.origin, path)).headers["x-cache"];
const stored = async () =>
  (await storedPaths(redis, site.front.store)).map((key) =>
    key.slice(site.front.store.entryKey("").length),
  );

async function storeAll() {
  for (const path of PAGES) expect(await outcome(path)).toBe("MISS");
  expect(await stored()).toEqual([...PAGES].sort());
}

describe("purge by tag", () => {
  it.each([
    [[postPageTag("first-post")], ["/posts/first-post"]],
    [[tags.feed.page], ["/", "/?page=2"]],
    [[userPageTag("Alice")], ["/u/alice"]],
    [
      [tags.leaderboard.page, postPageTag("second-post")],
      ["/leaderboard", "/posts/second-post"],
    ],
    [[ALL_PAGES], PAGES],
    [[postPageTag("never-stored")], []],
  ])("purging %j deletes %j and keeps the rest", async (tags, gone) => {
    await storeAll();
    expect(await site.front.store.tags.purge(tags)).toBe(gone.length);
    expect(await stored()).toEqual(PAGES.filter((path) => !gone.includes(path)).sort());
    for (const path of PAGES)
      expect(await outcome(path), path).toBe(gone.includes(path) ? "MISS" : "HIT");
  });

  it("is what the app's purgePages (called by lib/blog/invalidation/) does, on the same Redis", async () => {
    await storeAll();
    expect(await purgePages([postPageTag("second-post"), userPageTag("bob")])).toBe(2);
    expect(await stored()).toEqual(
      PAGES.filter((path) => path !== "/posts/second-post" && path !== "/u/bob").sort(),
    );
    expect(await outcome("/posts/second-post")).toBe("MISS");
    expect(await outcome("/posts/first-post")).toBe("HIT");
  });
});

describe("a render racing a purge", () => {
  const PATH = "/posts/racing-post";
  const TAG = postPageTag("racing-post");

  // The app's render of PATH waits for `release`; `started` resolves when it has begun, after
  // the render noted the tag generations and before it writes its entry.
  function holdRender() {
    const started = deferred();
    const release = deferred();
    site.app.on(PATH, async (_req, res) => {
      started.resolve();
      await release.promise;
      res
        .writeHead(200, { "content-type": "text/html" })
        .end("<p>rendered from data read before the purge</p>");
    });
    return { started: started.promise, release: release.resolve };
  }

  it("deletes its own entry when a purge ran between its generations() and its write()", async () => {
    const write = vi.spyOn(site.front.store, "write");
    const render = holdRender();
    const reader = get(site.front.origin, PATH);
    await render.started;
    await site.front.store.tags.purge([TAG]); // finds nothing to delete yet: the entry is not written
    render.release();
    const answer = await reader;
    // The reader who asked before the change may see the page of before; nobody after them does.
    expect(answer.headers["x-cache"]).toBe("MISS");
    expect(await write.mock.results[0].value).toBe(false);
    expect(await stored()).toEqual([]);
    site.app.on(
      PATH,
      (_req, res) => void res.writeHead(200, { "content-type": "text/html" }).end(page(PATH, 2)),
    );
    expect(await outcome(PATH)).toBe("MISS");
    expect(await outcome(PATH)).toBe("HIT");
    expect(site.app.renderCount(PATH)).toBe(2);
  });

  it("is also deleted when the purge runs after the entry is written", async () => {
    await outcome(PATH);
    expect(await stored()).toEqual([PATH]);
    await site.front.store.tags.purge([TAG]);
    expect(await stored()).toEqual([]);
  });

  it("keeps its entry when a purge of another tag ran during the render", async () => {
    const render = holdRender();
    const reader = get(site.front.origin, PATH);
    await render.started;
    await site.front.store.tags.purge([postPageTag("another-post"), userPageTag("someone")]);
    render.release();
    await reader;
    expect(await stored()).toEqual([PATH]);
    expect(await outcome(PATH)).toBe("HIT");
  });
});
