// Views counted by the browser (issue 11): the article page sends one view request once it is
// shown; prefetches, HEAD requests, documents from the page cache and bots count nothing; a
// reader counts once; the page shows the live count; every 10th view is flushed to Postgres.
import { expect, redis, test } from "./fixtures";
import { publish, reader, views, viewsText, word, xCache } from "./page-cache-helpers";

test.describe("views counted by the browser", () => {
  test("a visit to / with 10 article links in view counts no view, even once their prefetches finished; nor does a bot", async ({
    signedInPage: page,
    browser,
    baseURL,
  }) => {
    const posts: { id: number; slug: string }[] = [];
    for (let i = 0; i < 10; i++) posts.push(await publish(page, `Linked from home ${i} ${word()}`));
    const ids = posts.map((post) => post.id);
    const total = async () =>
      (await Promise.all(ids.map(views))).reduce((sum, count) => sum + count.live, 0);
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
    for (const post of posts)
      await expect(home.locator(`a[href="/posts/${post.slug}"]`).first()).toBeInViewport();
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
      expect(
        (
          await context.request.get(`/posts/${slug}`, {
            headers: { rsc: "1", "next-router-prefetch": "1" },
          })
        ).status(),
      ).toBe(200);
      expect((await context.request.head(`/posts/${slug}`)).status()).toBe(200);
      expect((await context.request.get(`/posts/${slug}`)).status()).toBe(200);
    }
    expect(await total()).toBe(0);
    await context.close();
  });

  test("opening an article counts 1 view and shows the live count", async ({
    signedInPage: page,
    browser,
    baseURL,
  }) => {
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
    const beacon = secondPage.waitForResponse(
      (response) => new URL(response.url()).pathname === "/api/views",
    );
    const response = await secondPage.goto(path);
    expect(xCache(response)).toBe("HIT");
    expect(await response!.text()).toMatch(
      /data-testid="view-count">0(<!-- -->)? (<!-- -->)?views</,
    );
    expect(await (await beacon).json()).toEqual({ views: 2, counted: true });
    await expect(secondPage.getByTestId("view-count")).toHaveText(viewsText(2));
    expect(await views(id)).toEqual({ stored: 0, live: 2 });

    // The same reader again: no new view, the live count shown.
    await secondPage.reload();
    await expect(secondPage.getByTestId("view-count")).toHaveText(viewsText(2));
    expect(await views(id)).toEqual({ stored: 0, live: 2 });
    await Promise.all([first.close(), second.close()]);
  });

  test("9 views leave Postgres unchanged; the 10th flushes 10", async ({
    signedInPage: page,
    browser,
    baseURL,
  }) => {
    // Ten browsers, one after another: more than the default 30 s on a busy machine.
    test.slow();
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
