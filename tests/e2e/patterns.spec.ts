import type { Page } from "@playwright/test";
import { patterns as allPatterns } from "../../lib/blog/patterns";
import { expect, redis, signIn, sql, test, writePost } from "./fixtures";

async function traceResults(page: Page) {
  const trace = page.getByTestId("trace");
  await trace.locator("summary").click();
  return trace
    .getByTestId("trace-entry")
    .evaluateAll((rows) =>
      rows.map(
        (row) => `${row.querySelector("code")?.textContent} ${row.getAttribute("data-result")}`,
      ),
    );
}

test.describe("caching patterns, seen from the browser", () => {
  // Signed in and reached by client-side navigation, so the page is rendered for the reader and its
  // trace shows the data caches; a page loaded as a document is the members' shared page, from
  // the page cache (member-pages.spec.ts), as an anonymous reader's is (page-cache.spec.ts).
  test("cache-aside feed: the second load is served from the cache; the home page renders it once into Next's cache", async ({
    signedInPage: page,
  }) => {
    await page.request.get("/api/feed?page=1");
    expect((await page.request.get("/api/feed?page=1")).headers()["server-timing"]).toContain(
      'desc="HIT cache:feed page:1"',
    );
    await page.goto("/"); // the members' shared page, whose render filled Next's cache
    await page.goto("/leaderboard");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Feed" })
      .click();
    await expect(page.getByRole("heading", { name: "Latest articles" })).toBeVisible();
    // The feed list and the Popular box are 'use cache' components: their lookups run only when
    // Next's cache misses, so the trace names them instead of listing them.
    await expect(page.getByTestId("trace-use-cache")).toContainText(
      "The feed list and the Popular box",
    );
    await expect(page.getByTestId("trace-sql")).toHaveText("0 SQL");
  });

  test("write-through: a new article is on the cached feed at once", async ({ page, user }) => {
    await page.goto("/");
    await signIn(page, user);
    await writePost(
      page,
      "Straight onto the feed",
      "Published and visible without waiting for any TTL.",
    );
    await page.goto("/");
    await expect(page.getByTestId("post-card").first().getByRole("heading")).toHaveText(
      "Straight onto the feed",
    );
  });

  test("write-behind: ten readers' views change the count stored in Postgres", async ({
    signedInPage: page,
    user,
    browser,
  }) => {
    // Ten browsers, one after another: more than the default 30 s on a busy machine.
    test.slow();
    await writePost(page, "Count my views", "Every tenth view is written to Postgres.");
    const url = page.url();
    const [{ id }] = await sql<{ id: number }>(`SELECT id FROM posts WHERE author_id = $1`, [
      user.id,
    ]);
    const stored = async () =>
      (await sql<{ view_count: number }>(`SELECT view_count FROM posts WHERE id = $1`, [id]))[0]
        .view_count;
    // Each new browser is a new reader (its own reader cookie); a reader counts once.
    const readAsNewReader = async (expected: string) => {
      const context = await browser.newContext();
      const reader = await context.newPage();
      await reader.goto(url);
      await expect(reader.getByTestId("view-count")).toHaveText(expected);
      await context.close();
    };

    // The author, shown the article after publishing it, was reader 1.
    await expect(page.getByTestId("view-count")).toHaveText("1 view");
    for (let view = 2; view <= 9; view++) await readAsNewReader(`${view} views`);
    expect(await stored()).toBe(0);
    await readAsNewReader("10 views");
    await expect.poll(stored).toBe(10);
  });

  test("fragment caching: a profile edit shows in the cached sidebar at once", async ({
    signedInPage: page,
    user,
  }) => {
    await page.goto("/");
    await expect(page.getByTestId("sidebar")).toContainText(user.name);
    // The sidebar comes with the reader's parts, answered from the fragment cache.
    const parts = page.waitForResponse("**/api/me/parts");
    await page.reload();
    const answer = await parts;
    expect(answer.headers()["x-cache"]).toBe("HIT");
    expect(answer.headers()["server-timing"]).toContain(
      `HIT cache:fragment member:user:${user.id}`,
    );

    await page.goto("/settings");
    await page.getByLabel("Name", { exact: true }).fill("Freshly Renamed");
    await page.getByLabel("Bio").fill("Bio from the settings page");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByTestId("form-message")).toHaveText("Your profile is saved.");
    await page.goto("/");
    await expect(page.getByTestId("sidebar")).toContainText("Freshly Renamed");
    await expect(page.getByTestId("nav-profile")).toHaveText("Freshly Renamed");
    await expect(page.getByTestId("sidebar-bio")).toHaveText("Bio from the settings page");
  });

  test("read-through and rendered HTML: the second load of an article is all hits, its body from Next's cache", async ({
    signedInPage: page,
  }) => {
    await page.goto("/");
    const article = page.getByTestId("post-card").nth(3).getByRole("link").first();
    // Reached by client-side navigation, twice: each time rendered for the reader.
    for (let visit = 0; visit < 2; visit++) {
      if (visit) await page.goBack();
      await article.click();
      await expect(page.getByTestId("article-body")).toBeVisible();
    }
    const results = await traceResults(page);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.endsWith(" HIT"))).toBe(true);
    expect(results.some((r) => /^cache:post:memo:\{getPostBySlug\}:.* HIT$/.test(r))).toBe(true);
    // The rendered HTML (cache:html) is read only when Next's cache has no rendered body.
    await expect(page.getByTestId("trace-use-cache")).toContainText("The article's body");
    await expect(page.getByTestId("trace-sql")).toHaveText("0 SQL");
  });

  test("per-user caching: each reader has a dashboard of their own", async ({
    signedInPage: page,
    user,
  }) => {
    await page.goto("/dashboard");
    await page.reload();
    expect(await traceResults(page)).toEqual([`cache:user-page:dashboard:user:${user.id} HIT`]);
  });

  test("view caching: ?refresh bypasses the cached /api/posts", async ({ request }) => {
    const limit = 7;
    const first = await request.get(`/api/posts?limit=${limit}`);
    const second = await request.get(`/api/posts?limit=${limit}`);
    expect(second.headers()["x-cache"]).toBe("HIT");
    expect((await second.json()).generatedAt).toBe((await first.json()).generatedAt);
    const refreshed = await request.get(`/api/posts?limit=${limit}&refresh=1`);
    expect(refreshed.headers()["x-cache"]).toBe("BYPASS");
    expect(refreshed.headers()["server-timing"]).toMatch(/db;desc="\d+ SQL"/);
  });

  test("view caching: the expensive endpoint is computed once and then served from the cache", async ({
    request,
  }) => {
    await redis.del("cache:api:expensive:/api/expensive");
    const first = await request.get("/api/expensive");
    expect(first.headers()["x-cache"]).toBe("MISS");
    const report = await first.json();
    expect(report.computeMs).toBeGreaterThanOrEqual(2000);
    const second = await request.get("/api/expensive");
    expect(second.headers()["x-cache"]).toBe("HIT");
    expect(await second.json()).toEqual(report);
  });

  test("view caching by validated query: /api/users/:id", async ({ request, user }) => {
    const plain = await request.get(`/api/users/${user.id}?posts=false&x=1`);
    expect(plain.headers()["x-cache"]).toBe("MISS");
    const junk = await request.get(`/api/users/${user.id}?x=2&junk=3`);
    expect(junk.headers()["x-cache"]).toBe("HIT");
    const withPosts = await request.get(`/api/users/${user.id}?posts=true&x=1`);
    expect(withPosts.headers()["x-cache"]).toBe("MISS");
    expect(await withPosts.json()).toMatchObject({ username: user.username, posts: [] });
    const bad = await request.get(`/api/users/${user.id}?posts=maybe`);
    expect(bad.status()).toBe(400);
    expect((await request.get("/api/users/999999999")).status()).toBe(404);
  });

  test("the two caches of the tutorial: /api/data and /static-content", async ({
    page,
    request,
    user,
  }) => {
    await request.get("/api/data");
    expect((await request.get("/api/data")).headers()["x-cache"]).toBe("HIT");
    await signIn(page, user); // rendered for the reader, so the trace shows the static cache
    await page.goto("/static-content");
    await page.reload();
    expect(await traceResults(page)).toEqual(["cache:static:site-facts HIT"]);
    await expect(page.getByTestId("prolific-authors").locator("li").first()).toBeVisible();
  });

  test("every response of the API says what it cost in Server-Timing", async ({ request }) => {
    const response = await request.get("/api/feed?page=1");
    expect(response.headers()["server-timing"]).toMatch(
      /cache;desc="(HIT|MISS) cache:feed page:1".*db;desc=.*redis;desc=.*total;dur=/,
    );
    const again = await request.get("/api/feed?page=1");
    expect(again.headers()["x-cache"]).toBe("HIT");
  });

  test("/patterns lists every pattern with a page where it can be seen", async ({ page }) => {
    await page.goto("/patterns");
    const patterns = page.getByTestId("pattern");
    await expect(patterns).toHaveCount(allPatterns.length);
    const hrefs = await page
      .getByTestId("patterns")
      .getByRole("link")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    for (const href of hrefs) {
      const response = await page.request.get(href);
      expect(response.status(), href).toBeLessThan(400);
    }
  });
});
