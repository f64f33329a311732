// The blog as more than one app process on one Redis (issue 19, "Scale-out", item 5): what one
// process does is seen at once by the other, and what must happen once happens once across both.
// Process A and process B: under `npm run test:cluster` the two behind nginx (reached directly,
// by their own addresses); under `npm test` the suite's app and a second process started here,
// on the same Redis. Many requests go through nginx when there is one, else alternate between
// A and B directly.
import { randomBytes } from "node:crypto";
import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { AppProcess, freePort } from "./app-process";
import {
  test as base,
  expect,
  redis,
  SAME_ORIGIN,
  signIn,
  siteProcesses,
  sql,
  subscribers,
  type TestUser,
} from "./fixtures";
import { xCache } from "./page-cache-helpers";
import { e2eServerEnv as testEnv } from "./server-env";

type Processes = {
  a: string;
  b: string;
  /** nginx, under `npm run test:cluster`. */
  nginx: string | null;
  /** Where the i-th of many requests goes: nginx, or A and B in turn. */
  spread: (i: number) => string;
};

// For this file only: the single-process suite's second process is stopped when the file ends,
// so no later spec meets a process it did not start.
let second: AppProcess | undefined;
const test = base.extend<{ processes: Processes }>({
  processes: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const { apps, nginx } = siteProcesses();
      if (apps.length < 2) {
        // The single-process suite: a second process beside the suite's app, on the same Redis.
        if (!second) {
          second = new AppProcess(await freePort());
          await second.start();
        }
        apps.push(second.origin);
      }
      const [a, b] = apps;
      await use({ a, b, nginx, spread: (i) => nginx ?? (i % 2 === 0 ? a : b) });
    },
    // A cold start of the second process is not the test's time.
    { timeout: 120_000 },
  ],
});
test.afterAll(async () => {
  await second?.stop("SIGTERM");
  second = undefined;
});

/** A node's text now, without waiting for it to change (what the very next request showed). */
const textOf = async (locator: Locator) => (await locator.textContent())?.trim();

const unique = (label: string) => `${label} ${randomBytes(3).toString("hex")}`;

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** A person of their own: a browser context without cookies. */
async function person(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  contexts.push(context);
  return context;
}

// The stream is subscribed before the browser sees it open (lib/realtime/event-stream.ts).
async function listening(page: Page) {
  await expect(page.getByTestId("live-notifications")).toHaveAttribute("data-connection", "open", {
    timeout: 15_000,
  });
}

/** Publishes through the editor of the process at `origin`; returns the article's path and id. */
async function writePostOn(page: Page, origin: string, title: string, content: string) {
  await page.goto(`${origin}/posts/new`);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Article").fill(content);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const url = new URL(page.url());
  expect(url.origin).toBe(origin);
  const [{ id }] = await sql<{ id: number }>(`SELECT id FROM posts WHERE slug = $1`, [
    url.pathname.split("/").at(-1),
  ]);
  return { path: url.pathname, id };
}

/** An admin of this test's own, signed in on `page` (made before signing in: the user is cached with its role). */
async function asAdmin(page: Page, user: TestUser, origin: string) {
  await sql(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [user.id]);
  await signIn(page, user, { origin });
}

type CacheFigures = { loaderCalls: number; hits: number; misses: number; errors: number };

/**
 * A cache namespace's figures, summed over every process. Each process adds its own counts to
 * Redis every second, and at once when its figures are read, so asking each process in turn
 * leaves none unwritten: the last answer holds them all.
 */
async function cacheFigures(
  request: APIRequestContext,
  origins: string[],
  namespace: string,
): Promise<CacheFigures> {
  let figures: CacheFigures | undefined;
  for (const origin of origins) {
    const response = await request.get(`${origin}/api/admin/cache/stats`);
    expect(response.status(), `${origin}/api/admin/cache/stats`).toBe(200);
    const { namespaces } = (await response.json()) as {
      namespaces: (CacheFigures & { namespace: string })[];
    };
    figures = namespaces.find((one) => one.namespace === namespace);
  }
  expect(figures, `${namespace}'s figures`).toBeDefined();
  return figures as CacheFigures;
}

/** `count` requests at once, the i-th made by `send(i)`. */
const all = <T>(count: number, send: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, i) => send(i)));

/**
 * A thousand requests, the i-th made by `send(i)`, started ten every 20 ms: all within about two
 * seconds (the expensive route's loader takes 2 s, so they still overlap it), each held open until
 * answered. Not faster: on this 2-core machine, with the browser, both processes, Redis and
 * Postgres on it, a thousand within one second still kept a process's event loop busy past the
 * Redis command timeout (500 ms) once in four full runs; a lookup then fails open, as it is meant
 * to when Redis is slow, and makes a second loader call (the run's `answers` annotation counted
 * one Redis error). Answers that arrived meanwhile are read before a deadline is checked
 * (lib/redis/deadlines.ts).
 */
const thousand = <T>(send: (i: number) => Promise<T>) =>
  all(1000, async (i) => {
    await new Promise((resolve) => setTimeout(resolve, Math.floor(i / 10) * 20));
    return send(i);
  });

const tally = (values: (string | number | null)[]) => {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return counts;
};

test.describe("two app processes on one Redis", () => {
  test("a post written through process A shows as a toast in a browser attached to process B", async ({
    browser,
    makeUser,
    processes: { a, b },
  }) => {
    const writer = await makeUser();
    const reader = await (await person(browser)).newPage(); // anonymous: new posts are for everyone
    await reader.goto(`${b}/`);
    await listening(reader);

    const author = await (await person(browser)).newPage();
    await signIn(author, writer, { origin: a });
    const title = unique("Written on A");
    const { path } = await writePostOn(author, a, title, "Published through process A.");

    const toast = reader.getByRole("status").filter({ hasText: title });
    await expect(toast).toBeVisible();
    await expect(toast).toContainText(`by ${writer.name}`);
    // The reader is still on B: the toast's link opens the article there.
    await toast.getByRole("link").click();
    await expect(reader).toHaveURL(`${b}${path}`);
    await expect(reader.getByRole("heading", { level: 1 })).toHaveText(title);
  });

  test("an edit through A shows at once on B: its page cache, Next's cache and the data caches", async ({
    browser,
    user,
    processes: { a, b },
    request,
  }) => {
    test.setTimeout(90_000);
    const before = unique("Before the edit on A");
    const after = `${before}, edited`;
    const writer = await person(browser);
    const page = await writer.newPage();
    await signIn(page, user, { origin: a });
    const { path, id } = await writePostOn(page, a, before, "The **first** version of the body.");

    // B takes the article into each of its caches.
    // The page cache: an anonymous reader's second load of the article and of home is a HIT.
    const anonymous = await (await person(browser)).newPage();
    for (const where of [path, "/"]) {
      await anonymous.goto(`${b}${where}`);
      expect(xCache(await anonymous.goto(`${b}${where}`)), `${where} on B`).toBe("HIT");
    }
    // Next's cache: a signed-in reader (cookies ignore the port: signed in on B too) gets the
    // members' variant of each page, which B renders, with the article body and the feed list
    // ('use cache') from Next's cache, then stores.
    const signedIn = await writer.newPage();
    for (let load = 0; load < 2; load++) {
      expect(xCache(await signedIn.goto(`${b}${path}`))).toBe(load === 0 ? "MISS" : "HIT");
      await expect(signedIn.getByTestId("article-body")).toHaveText(
        "The first version of the body.",
      );
      await signedIn.goto(`${b}/`);
      await expect(signedIn.getByTestId("feed")).toContainText(before);
    }
    // The data caches: the post (read-through, cache:post) and the feed's first page (cache:feed).
    const apiPost = () => request.get(`${b}/api/posts/${id}`);
    const apiFeed = () => request.get(`${b}/api/feed`);
    await apiPost();
    const postHit = await apiPost();
    expect(postHit.headers()["server-timing"]).toMatch(/cache;desc="HIT cache:post /);
    expect((await postHit.json()).title).toBe(before);
    await apiFeed();
    const feedHit = await apiFeed();
    expect(feedHit.headers()["x-cache"]).toBe("HIT");
    expect(JSON.stringify(await feedHit.json())).toContain(before);

    // Proof that B now answers from those caches: a change made behind the app's back (no
    // invalidation) is not seen on B.
    await sql(`UPDATE posts SET title = title || ' (behind)', content = 'Behind.' WHERE id = $1`, [
      id,
    ]);
    expect(xCache(await anonymous.goto(`${b}${path}`))).toBe("HIT");
    expect(await anonymous.getByRole("heading", { level: 1 }).textContent()).toBe(before);
    await signedIn.goto(`${b}${path}`);
    expect(await textOf(signedIn.getByTestId("article-body"))).toBe(
      "The first version of the body.",
    );
    await signedIn.goto(`${b}/`);
    expect(await signedIn.getByTestId("feed").textContent()).not.toContain(`${before} (behind)`);
    expect((await (await apiPost()).json()).title).toBe(before);
    expect(JSON.stringify(await (await apiFeed()).json())).not.toContain(`${before} (behind)`);

    // The edit, through A.
    await page.goto(`${a}${path}/edit`);
    await page.getByLabel("Title").fill(after);
    await page.getByLabel("Article").fill("The **second** version of the body.");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(after);
    expect(page.url()).toBe(`${a}${path}`);

    // The very next request to B, no waiting and no retry, shows the edit in each cache.
    const fresh = await anonymous.goto(`${b}${path}`);
    expect(xCache(fresh), "the article on B's page cache").toBe("MISS");
    expect(await anonymous.getByRole("heading", { level: 1 }).textContent()).toBe(after);
    expect(await textOf(anonymous.getByTestId("article-body"))).toBe(
      "The second version of the body.",
    );
    expect(xCache(await anonymous.goto(`${b}/`)), "home on B's page cache").toBe("MISS");
    expect(await anonymous.getByTestId("feed").textContent()).toContain(after);

    await signedIn.goto(`${b}${path}`);
    expect(await signedIn.getByRole("heading", { level: 1 }).textContent()).toBe(after);
    expect(await textOf(signedIn.getByTestId("article-body"))).toBe(
      "The second version of the body.",
    );
    await signedIn.goto(`${b}/`);
    expect(await signedIn.getByTestId("feed").textContent()).toContain(after);

    const post = await (await apiPost()).json();
    expect({ title: post.title, content: post.content }).toEqual({
      title: after,
      content: "The **second** version of the body.",
    });
    const feed = JSON.stringify(await (await apiFeed()).json());
    expect(feed).toContain(after);
    expect(feed).not.toContain("(behind)");
  });

  test("1,000 concurrent requests for a missing key, spread over both processes, make 1 loader call", async ({
    page,
    user,
    processes: { a, b, spread },
  }) => {
    test.setTimeout(180_000);
    await asAdmin(page, user, a);
    // GET /api/expensive: a cached route (cache:api) whose loader takes 2 s, so the requests below
    // find the key missing until it is stored. Its one entry, left by another test, is removed.
    const entry = "cache:api:expensive:/api/expensive";
    await redis.del(entry);
    const before = await cacheFigures(page.request, [a, b], "cache:api");

    const answers = await thousand(async (i) => {
      const response = await fetch(`${spread(i)}/api/expensive`);
      return {
        status: response.status,
        cache: response.headers.get("x-cache"),
        body: await response.text(),
      };
    });
    const after = await cacheFigures(page.request, [a, b], "cache:api");
    // How many found the key missing and waited for the one loader, and how many came after it.
    const cache = tally(answers.map((answer) => answer.cache));
    test.info().annotations.push({
      type: "answers",
      description: JSON.stringify({ ...cache, redisErrors: after.errors - before.errors }),
    });
    expect(tally(answers.map((answer) => answer.status))).toEqual({ "200": 1000 });
    expect(cache.MISS).toBeGreaterThan(0);
    expect((cache.MISS ?? 0) + (cache.HIT ?? 0)).toBe(1000);
    // One report, computed once: every answer is the same body (its computedAt and computeMs).
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(after.loaderCalls - before.loaderCalls).toBe(1);
    expect(await redis.exists(entry)).toBe(1);
  });

  test("1,000 views from distinct readers over both processes leave exactly 1,000 in Postgres after the final flush", async ({
    browser,
    page,
    makeUser,
    processes: { a, spread },
  }) => {
    test.setTimeout(180_000);
    // Published through A's API, so that no browser shows the article (and counts a view) but the readers'.
    const writer = await (await person(browser)).newPage();
    await signIn(writer, await makeUser(), { origin: a });
    const published = await writer.request.post(`${a}/api/posts`, {
      headers: SAME_ORIGIN,
      data: { title: unique("Read a thousand times"), content: "Read by a thousand readers." },
    });
    expect(published.status()).toBe(201);
    const { id, slug } = (await published.json()) as { id: number; slug: string };
    const path = `/posts/${slug}`;

    // Each view without a reader cookie: a new reader each (the view request sets the cookie).
    const answers = await thousand(async (i) => {
      const response = await fetch(`${spread(i)}/api/views`, {
        method: "POST",
        headers: { ...SAME_ORIGIN, "content-type": "application/json" },
        body: JSON.stringify({ path }),
      });
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith("blog_reader="));
      return {
        status: response.status,
        body: await response.json(),
        reader: cookie?.split(";")[0],
      };
    });
    expect(tally(answers.map((answer) => answer.status))).toEqual({ "200": 1000 });
    expect(tally(answers.map((answer) => answer.body.counted))).toEqual({ true: 1000 });
    expect(new Set(answers.map((answer) => answer.reader ?? "none")).size).toBe(1000);
    expect(answers.some((answer) => answer.reader === undefined)).toBe(false);

    // The final flush: an admin's "flush pending view counters now" moves what every 10th view's
    // flush left behind (the periodic sweep is off in tests).
    await asAdmin(page, await makeUser(), a);
    await page.goto(`${a}/admin/cache`);
    await page.getByRole("button", { name: "Flush pending view counters now" }).click();
    await expect(page.getByTestId("flush-views-form").getByTestId("form-message")).toHaveText(
      /^Moved \d+ views? from Redis to Postgres\.$/,
    );
    const [{ view_count }] = await sql<{ view_count: number }>(
      `SELECT view_count FROM posts WHERE id = $1`,
      [id],
    );
    expect(view_count).toBe(1000);
    const [{ applied }] = await sql<{ applied: string }>(
      `SELECT coalesce(sum(delta), 0) AS applied FROM view_flushes WHERE post_id = $1`,
      [id],
    );
    expect(Number(applied)).toBe(1000);
    expect(await redis.get(`views:pending:{${id}}`)).toBeNull();
    expect(await redis.exists(`views:flushing:{${id}}`)).toBe(0);
  });

  test("120 parallel API requests over two processes against a limit of 100 give exactly 100 and 20", async ({
    signedInPage: page,
    user,
  }) => {
    test.setTimeout(180_000);
    // A pair of the test's own with an API limit of 100 an hour, on the suite's Redis.
    const pair = [
      new AppProcess(await freePort(), { RATE_LIMIT_API_PER_HOUR: "100" }),
      new AppProcess(await freePort(), { RATE_LIMIT_API_PER_HOUR: "100" }),
    ];
    let log = "";
    try {
      await Promise.all(pair.map((app) => app.start()));
      await page.goto("/settings");
      await page.getByLabel("Key name").fill("two processes");
      await page.getByRole("button", { name: "Create API key" }).click();
      const token = await page.getByTestId("new-api-key-value").inputValue();
      const [{ id: keyId }] = await sql<{ id: number }>(
        `SELECT id FROM api_keys WHERE user_id = $1`,
        [user.id],
      );
      log = `rl:api:key:${keyId}`;
      expect(await redis.exists(log)).toBe(0);

      // 60 to each process, all at once.
      const answers = await all(120, async (i) => {
        const response = await fetch(`${pair[i % 2].origin}/api/feed`, {
          headers: { "X-API-Key": token },
        });
        await response.arrayBuffer();
        return {
          status: response.status,
          limit: response.headers.get("x-ratelimit-limit"),
          remaining: Number(response.headers.get("x-ratelimit-remaining")),
        };
      });
      expect(tally(answers.map((answer) => answer.status))).toEqual({ "200": 100, "429": 20 });
      expect(tally(answers.map((answer) => answer.limit))).toEqual({ "100": 120 });
      // Each allowed request took its own place in the one log: 99 left, 98 left, ... 0 left.
      const remaining = answers
        .filter((answer) => answer.status === 200)
        .map((answer) => answer.remaining)
        .sort((x, y) => x - y);
      expect(remaining).toEqual(Array.from({ length: 100 }, (_, i) => i));
      expect(await redis.zcard(log)).toBe(100);
    } finally {
      await Promise.all(pair.map((app) => app.stop()));
      if (log) await redis.del(log);
    }
  });

  test("a sign-in on A is valid on B, and signing out everywhere closes the event streams held on both", async ({
    browser,
    user,
    processes: { a, b },
  }) => {
    const context = await person(browser);
    const onA = await context.newPage();
    await signIn(onA, user, { origin: a });
    // The session lives in the shared Redis and the cookie ignores the port: B knows the user.
    const onB = await context.newPage();
    await onB.goto(`${b}/`);
    await expect(onB.getByTestId("nav-profile")).toHaveText(user.name);
    await onA.goto(`${a}/`);
    await Promise.all([listening(onA), listening(onB)]);

    // The settings page, on A too, holds a stream of its own: three streams of the user, one
    // subscription to their channel on each process.
    const settings = await context.newPage();
    await settings.goto(`${a}/settings`);
    await listening(settings);
    const channel = `${testEnv.REALTIME_CHANNEL_PREFIX}:user:${user.id}`;
    const leases = `sse:streams:user:${user.id}`;
    await expect.poll(() => redis.zcard(leases)).toBe(3);
    await expect.poll(() => subscribers(channel)).toBe(2);
    const session = (await context.cookies(a)).filter((cookie) => cookie.name === "blog_session");
    expect(session).toHaveLength(1);

    // Neither page navigates: their streams are closed by the servers, and the browsers open
    // new ones (anonymous now).
    const reopened = [onA, onB].map((page) =>
      page.waitForRequest((request) => new URL(request.url()).pathname === "/api/events"),
    );
    await settings.getByTestId("sign-out-everywhere").click();
    await settings.waitForURL(/\/signin\?ended=everywhere/);
    const [fromA, fromB] = await Promise.all(reopened);
    expect(new URL(fromA.url()).origin).toBe(a);
    expect(new URL(fromB.url()).origin).toBe(b);
    await expect.poll(() => subscribers(channel)).toBe(0);
    await expect.poll(() => redis.zcard(leases)).toBe(0);
    expect(onA.url()).toBe(`${a}/`);
    expect(onB.url()).toBe(`${b}/`);

    // The session itself is over on both, not only this browser's cookie: the old cookie is
    // refused by each process.
    const replay = await person(browser);
    await replay.addCookies(session);
    const check = await replay.newPage();
    for (const origin of [a, b]) {
      await check.goto(`${origin}/settings`);
      await expect(check, origin).toHaveURL(/\/signin/);
    }
  });
});
