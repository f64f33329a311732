// Whole pages from Redis (issue 11), seen from browsers: anonymous readers get pages from the
// page cache, every change shows at once on the pages that show it, signed-in readers never get
// a shared page, and views are counted by the browser once per real view.
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page, Response } from "@playwright/test";
import { expect, redis, signIn, sql, test, writePost, type TestUser } from "./fixtures";

const word = () => randomBytes(3).toString("hex");
const xCache = (response: Response | null) => response?.headers()["x-cache"];
const viewsText = (count: number) => `${count} ${count === 1 ? "view" : "views"}`;

/** An anonymous reader: a browser context of its own, without cookies. */
async function reader(browser: Browser, baseURL: string | undefined, viewport = { width: 1280, height: 720 }): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport });
}

/** Loads `path` until the page cache has it: the second load of a cacheable page is a HIT. */
async function loadCached(page: Page, path: string) {
  await page.goto(path);
  const response = await page.goto(path);
  expect(xCache(response), `${path} from the page cache`).toBe("HIT");
  return response!;
}

/** A post's views: Postgres plus what is pending in Redis (write-behind). */
async function views(postId: number) {
  const [{ view_count }] = await sql<{ view_count: number }>(`SELECT view_count FROM posts WHERE id = $1`, [postId]);
  const [pending, inFlight] = await Promise.all([redis.get(`views:pending:{${postId}}`), redis.hget(`views:flushing:{${postId}}`, "delta")]);
  return { stored: view_count, live: view_count + Number(pending ?? 0) + Number(inFlight ?? 0) };
}

async function postIdOf(slug: string) {
  return (await sql<{ id: number }>(`SELECT id FROM posts WHERE slug = $1`, [slug]))[0].id;
}

const slugOf = (page: Page) => new URL(page.url()).pathname.split("/").pop()!;

/** Publishes through the API of a signed-in context (same session as its pages). */
async function publish(page: Page, title: string) {
  const response = await page.request.post("/api/posts", { data: { title, content: "An article to be linked from the home page." } });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: number; slug: string };
}

test.describe("page cache", () => {
  test("the second anonymous load of / is a HIT, and its panel says so", async ({ browser, baseURL }) => {
    const context = await reader(browser, baseURL);
    const page = await context.newPage();
    const first = await page.goto("/");
    expect(["MISS", "HIT", "STALE"]).toContain(xCache(first));
    const second = await page.goto("/");
    expect(xCache(second)).toBe("HIT");
    expect(second!.headers()["cache-control"]).toMatch(/^public, max-age=0, s-maxage=\d+, must-revalidate$/);
    expect(second!.headers().etag).toBeTruthy();
    await expect(page.getByTestId("trace")).toHaveAttribute("data-page-cache", "HIT");
    await expect(page.getByTestId("trace-summary")).toHaveText("whole page from the page cache (HIT)");
    await context.close();
  });

  test("a post published in one browser is on the anonymous home page and its article at once", async ({ page, user, browser, baseURL }) => {
    const context = await reader(browser, baseURL);
    const anonymous = await context.newPage();
    await loadCached(anonymous, "/");

    await signIn(page, user);
    const title = `Published now ${word()}`;
    await writePost(page, title);
    const path = new URL(page.url()).pathname;

    expect(xCache(await anonymous.goto("/"))).toBe("MISS");
    await expect(anonymous.getByTestId("post-card").first().getByRole("heading")).toHaveText(title);
    await anonymous.goto(path);
    await expect(anonymous.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(anonymous.getByTestId("nav-profile")).toHaveCount(0);
    await context.close();
  });

  test("an edited title and a deleted post show at once on home, article and profile, by full load and client-side navigation", async ({
    page,
    user,
    browser,
    baseURL,
  }) => {
    await signIn(page, user);
    const before = `Before the edit ${word()}`;
    const after = `${before} (edited)`;
    await writePost(page, before);
    const article = new URL(page.url()).pathname;
    const profile = `/u/${user.username}`;
    const context = await reader(browser, baseURL);
    const [full, clientSide] = [await context.newPage(), await context.newPage()];
    const cardOf = (on: Page, title: string) => on.getByTestId("post-card").filter({ has: on.getByRole("link", { name: title, exact: true }) });

    // All three pages in the page cache, showing the title before the edit.
    for (const path of ["/", article, profile]) {
      await loadCached(full, path);
      await expect(full.getByText(before, { exact: true }).first()).toBeVisible();
    }
    // The second reader's page was loaded before the change: it will navigate from it.
    expect(xCache(await clientSide.goto("/"))).toBe("HIT");
    await expect(cardOf(clientSide, before)).toBeVisible();

    await page.getByTestId("edit-post").click();
    await page.getByLabel("Title").fill(after);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(after);

    // Full loads.
    await full.goto("/");
    await expect(cardOf(full, after)).toBeVisible();
    await expect(cardOf(full, before)).toHaveCount(0);
    await full.goto(article);
    await expect(full.getByRole("heading", { level: 1 })).toHaveText(after);
    await full.goto(profile);
    await expect(cardOf(full, after)).toBeVisible();
    await expect(cardOf(full, before)).toHaveCount(0);

    // Client-side navigation from the page shown before the edit: profile, article, home.
    await markDocument(clientSide);
    await cardOf(clientSide, before).getByRole("link", { name: user.name }).click();
    await expect(clientSide).toHaveURL(profile);
    await expect(cardOf(clientSide, after)).toBeVisible();
    await cardOf(clientSide, after).getByRole("link", { name: after, exact: true }).click();
    await expect(clientSide).toHaveURL(article);
    await expect(clientSide.getByRole("heading", { level: 1 })).toHaveText(after);
    await clientSide.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Feed" }).click();
    await expect(clientSide).toHaveURL("/");
    await expect(cardOf(clientSide, after)).toBeVisible();
    await expect(cardOf(clientSide, before)).toHaveCount(0);
    await expectSameDocument(clientSide);

    // Again cached, then deleted.
    for (const path of ["/", article, profile]) await loadCached(full, path);
    const [fromHome, fromHomeToo] = [clientSide, await context.newPage()];
    expect(xCache(await fromHome.goto("/"))).toBe("HIT");
    expect(xCache(await fromHomeToo.goto("/"))).toBe("HIT");
    page.once("dialog", (dialog) => dialog.accept());
    await page.getByTestId("delete-post").click();
    await expect(page).toHaveURL(/\/$/);

    await full.goto("/");
    await expect(full.getByRole("heading", { name: "Latest articles" })).toBeVisible();
    await expect(cardOf(full, after)).toHaveCount(0);
    expect((await full.goto(article))!.status()).toBe(404);
    await expect(full.getByTestId("not-found")).toBeVisible();
    await full.goto(profile);
    await expect(full.getByTestId("profile-name")).toHaveText(user.name);
    await expect(full.getByText("No articles yet.")).toBeVisible();

    // Client-side: the link on a page from before the delete leads to "not found"; the author's
    // profile and the feed no longer list it.
    await markDocument(fromHome);
    await cardOf(fromHome, after).getByRole("link", { name: after, exact: true }).click();
    await expect(fromHome).toHaveURL(article);
    await expect(fromHome.getByTestId("not-found")).toBeVisible();
    await expectSameDocument(fromHome);
    await markDocument(fromHomeToo);
    await cardOf(fromHomeToo, after).getByRole("link", { name: user.name }).click();
    await expect(fromHomeToo).toHaveURL(profile);
    await expect(fromHomeToo.getByTestId("profile-name")).toHaveText(user.name);
    await expect(fromHomeToo.getByText("No articles yet.")).toBeVisible();
    await fromHomeToo.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Feed" }).click();
    await expect(fromHomeToo).toHaveURL("/");
    await expect(fromHomeToo.getByRole("heading", { name: "Latest articles" })).toBeVisible();
    await expect(cardOf(fromHomeToo, after)).toHaveCount(0);
    await expectSameDocument(fromHomeToo);
    await context.close();
  });

  test("two signed-in readers each get their own header and sidebar, never the anonymous page nor each other's", async ({
    browser,
    baseURL,
    makeUser,
  }) => {
    const anonymousContext = await reader(browser, baseURL);
    const anonymous = await anonymousContext.newPage();
    await loadCached(anonymous, "/");
    await expect(anonymous.getByRole("link", { name: "Sign in" })).toBeVisible();

    const users: [TestUser, TestUser] = [await makeUser(), await makeUser()];
    const contexts = [await browser.newContext({ baseURL }), await browser.newContext({ baseURL })];
    const pages = [await contexts[0].newPage(), await contexts[1].newPage()];
    for (const [i, user] of users.entries()) await signIn(pages[i], user);

    for (let round = 0; round < 2; round++) {
      for (const [i, user] of users.entries()) {
        const other = users[1 - i];
        const page = pages[i];
        for (const path of ["/", `/u/${other.username}`, "/leaderboard"]) {
          const response = await page.goto(path);
          expect(xCache(response), `${path} for ${user.username}`).toBe("BYPASS");
          await expect(page.getByTestId("nav-profile")).toHaveText(user.name);
          await expect(page.getByRole("link", { name: "Sign in", exact: true })).toHaveCount(0);
          await expect(page.getByTestId("trace")).not.toHaveAttribute("data-page-cache", /.*/);
        }
        await page.goto("/");
        await expect(page.getByTestId("sidebar").getByRole("heading", { level: 2 })).toHaveText(user.name);
      }
    }
    // The anonymous page is still the anonymous one.
    expect(xCache(await anonymous.goto("/"))).toBe("HIT");
    await expect(anonymous.getByTestId("nav-profile")).toHaveCount(0);
    await expect(anonymous.getByTestId("sidebar")).toHaveCount(0);
    for (const context of [...contexts, anonymousContext]) await context.close();
  });
});

// A full load replaces window; a client-side navigation keeps it.
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}
async function expectSameDocument(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
}

test.describe("views counted by the browser", () => {
  test("a visit to / with 10 article links in view counts no view, even once their prefetches finished; nor does a bot", async ({ page, user, browser, baseURL }) => {
    await signIn(page, user);
    const posts: { id: number; slug: string }[] = [];
    for (let i = 0; i < 10; i++) posts.push(await publish(page, `Linked from home ${i} ${word()}`));
    const ids = posts.map((post) => post.id);
    const total = async () => (await Promise.all(ids.map(views))).reduce((sum, count) => sum + count.live, 0);
    expect(await total()).toBe(0);

    const context = await reader(browser, baseURL, { width: 1280, height: 4000 });
    const home = await context.newPage();
    const prefetched = new Set<string>();
    const counted: string[] = [];
    home.on("requestfinished", (request) => {
      const url = new URL(request.url());
      const rsc = request.headers().rsc !== undefined || url.searchParams.has("_rsc");
      if (rsc && url.pathname.startsWith("/posts/")) prefetched.add(url.pathname);
      if (url.pathname === "/api/views") counted.push(String(request.postDataJSON()?.path));
    });
    await home.goto("/");
    for (const post of posts) await expect(home.locator(`a[href="/posts/${post.slug}"]`).first()).toBeInViewport();
    // Next prefetches links in view, and at once those hovered. It asks per route as well as per
    // URL, so ten links make fewer than ten requests; every one is a render that once counted.
    for (const post of posts) await home.locator(`a[href="/posts/${post.slug}"]`).first().hover();
    await expect.poll(() => prefetched.size).toBeGreaterThan(0);
    await expect.poll(() => counted).toEqual(["/"]); // the home page's own page view, no article's
    await home.waitForLoadState("networkidle");
    test.info().annotations.push({ type: "prefetched", description: [...prefetched].join(" ") });
    expect(counted).toEqual(["/"]);
    expect(await total()).toBe(0);

    // What runs no script counts nothing either: each article's prefetch, its HEAD, its document.
    for (const { slug } of posts) {
      expect((await context.request.get(`/posts/${slug}`, { headers: { rsc: "1", "next-router-prefetch": "1" } })).status()).toBe(200);
      expect((await context.request.head(`/posts/${slug}`)).status()).toBe(200);
      expect((await context.request.get(`/posts/${slug}`)).status()).toBe(200);
    }
    expect(await total()).toBe(0);
    await context.close();
  });

  test("opening an article counts 1 view and shows the live count", async ({ page, user, browser, baseURL }) => {
    await signIn(page, user);
    const { id, slug } = await publish(page, `Opened once ${word()}`);
    const path = `/posts/${slug}`;

    const first = await reader(browser, baseURL);
    const firstPage = await first.newPage();
    expect(xCache(await firstPage.goto(path))).toBe("MISS");
    await expect(firstPage.getByTestId("view-count")).toHaveText(viewsText(1));
    expect(await views(id)).toEqual({ stored: 0, live: 1 });

    // A second reader gets the stored page, rendered before the first view: the count it shows
    // is replaced by the live count that the view request answers.
    const second = await reader(browser, baseURL);
    const secondPage = await second.newPage();
    const beacon = secondPage.waitForResponse((response) => new URL(response.url()).pathname === "/api/views");
    const response = await secondPage.goto(path);
    expect(xCache(response)).toBe("HIT");
    expect(await response!.text()).toMatch(/data-testid="view-count">0(<!-- -->)? (<!-- -->)?views</);
    expect(await (await beacon).json()).toEqual({ views: 2, counted: true });
    await expect(secondPage.getByTestId("view-count")).toHaveText(viewsText(2));
    expect(await views(id)).toEqual({ stored: 0, live: 2 });

    // The same reader again: no new view, the live count shown.
    await secondPage.reload();
    await expect(secondPage.getByTestId("view-count")).toHaveText(viewsText(2));
    expect(await views(id)).toEqual({ stored: 0, live: 2 });
    await Promise.all([first.close(), second.close()]);
  });

  test("9 views leave Postgres unchanged; the 10th flushes 10", async ({ page, user, browser, baseURL }) => {
    await signIn(page, user);
    const { id, slug } = await publish(page, `Flushed at ten ${word()}`);
    for (let view = 1; view <= 10; view++) {
      const context = await reader(browser, baseURL); // a reader of its own: its own blog_reader cookie
      const article = await context.newPage();
      await article.goto(`/posts/${slug}`);
      await expect(article.getByTestId("view-count")).toHaveText(viewsText(view));
      await context.close();
      if (view === 9) expect(await views(id)).toEqual({ stored: 0, live: 9 });
    }
    await expect.poll(async () => (await views(id)).stored).toBe(10);
    expect(await views(id)).toEqual({ stored: 10, live: 10 });
    expect(await redis.get(`views:pending:{${id}}`)).toBeNull();
  });
});
