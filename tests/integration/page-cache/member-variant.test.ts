// Signed-in readers on a page with a member variant (lib/blog/page-routes.ts `members`): one page
// shared by all of them, rendered for no one (no cookie, the variant header), stored apart from
// the strangers' page and purged with it; a page without such a variant, or a variant that
// cannot be shared, is rendered for the reader with their own request.
import { describe, expect, it } from "vitest";
import { postPageTag } from "@/lib/blog-cache/tags";
import { SESSION_COOKIE } from "@/lib/http/credentials";
import { MEMBER_VARIANT, PAGE_VARIANT_HEADER } from "@/lib/page-cache/variant";
import { frontPerTest, get, storedPaths } from "./harness";

const site = frontPerTest();
const { redis } = site;
const member = (name: string) => ({ cookie: `theme=dark; ${SESSION_COOKIE}=sealed-${name}` });
const load = (path: string, headers: Record<string, string> = {}) =>
  get(site.front.origin, path, headers);
const stored = async () =>
  (await storedPaths(redis, site.front.store)).map((key) =>
    key.slice(site.front.store.entryKey("").length),
  );

describe("the member variant", () => {
  it("is rendered once for every member, without their cookie, and kept apart from the strangers' page", async () => {
    const first = await load("/posts/shared", member("ada"));
    expect(first.headers["x-cache"]).toBe("MISS");
    const render = site.app.requests.at(-1)!;
    expect(render).toMatchObject({ url: "/posts/shared", render: true });
    expect(render.headers[PAGE_VARIANT_HEADER]).toBe(MEMBER_VARIANT);
    expect(render.headers.cookie).toBeUndefined();

    const second = await load("/posts/shared", member("grace"));
    expect(second.headers["x-cache"]).toBe("HIT");
    expect(second.body.toString()).toBe(first.body.toString());
    expect(site.app.renderCount()).toBe(1);

    const stranger = await load("/posts/shared");
    expect(stranger.headers["x-cache"]).toBe("MISS");
    expect(site.app.requests.at(-1)!.headers[PAGE_VARIANT_HEADER]).toBeUndefined();
    expect(stranger.body.toString()).toContain("render 2");
    expect(await stored()).toEqual([`${MEMBER_VARIANT}:/posts/shared`, "/posts/shared"].sort());
  });

  it("is purged with the strangers' page by the page's tag", async () => {
    await load("/posts/shared", member("ada"));
    await load("/posts/shared");
    await load("/", member("ada"));
    expect(await site.front.store.tags.purge([postPageTag("shared")])).toBe(2);
    expect(await stored()).toEqual([`${MEMBER_VARIANT}:/`]);
    expect((await load("/posts/shared", member("grace"))).headers["x-cache"]).toBe("MISS");
  });

  it("that cannot be shared (a draft only its author reads) leaves the reader to Next, with their cookie", async () => {
    site.app.on("/posts/draft", (req, res) => {
      // Rendered for no one, a draft is not found; its author's own request finds it.
      const forAuthor = req.headers.cookie?.includes(`${SESSION_COOKIE}=sealed-ada`);
      res.writeHead(forAuthor ? 200 : 404, { "content-type": "text/html" });
      res.end(forAuthor ? "the draft" : "not found");
    });
    const answer = await load("/posts/draft", member("ada"));
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe("the draft");
    expect(answer.headers["x-cache"]).toBe("MISS");
    expect(site.app.requests.map((r) => [r.url, r.render])).toEqual([
      ["/posts/draft", true],
      ["/posts/draft", false],
    ]);
    expect(await stored()).toEqual([]);
  });

  it("is never what a client's own variant header asks for: the header is removed", async () => {
    const forged = await load("/patterns", { [PAGE_VARIANT_HEADER]: MEMBER_VARIANT });
    expect(forged.headers["x-cache"]).toBe("MISS");
    expect(await stored()).toEqual(["/patterns"]);
    const uncached = await load("/signin", { [PAGE_VARIANT_HEADER]: MEMBER_VARIANT });
    expect(uncached.status).toBe(200);
    expect(site.app.requests.at(-1)!.headers[PAGE_VARIANT_HEADER]).toBeUndefined();
  });

  it("does not exist for the leaderboard and profiles, which show the reader's rank and follows", async () => {
    for (const path of ["/leaderboard", "/u/alice"]) {
      const answer = await load(path, member("ada"));
      expect(answer.headers["x-cache"], path).toBe("BYPASS");
      expect(site.app.requests.at(-1)).toMatchObject({ url: path, render: false });
    }
    expect(await stored()).toEqual([]);
  });
});
