import { AppProcess, freePort, PrivateRedis } from "./app-process";
import { expect, signIn, sql, test } from "./fixtures";

// The whole app with its Redis killed: pages and the API answer from Postgres, health says
// "degraded", nobody waits for a minute, views are written to Postgres, a signed-in reader (whose
// session lived in Redis) is shown as signed out, and caching comes back with Redis.
test.describe("when Redis goes away", () => {
  let redisServer: PrivateRedis;
  let app: AppProcess;

  test.beforeAll(async () => {
    redisServer = new PrivateRedis();
    await redisServer.start();
    app = new AppProcess(await freePort(), { REDIS_URL: `${redisServer.url}/0` });
    await app.start();
  });

  test.afterAll(async () => {
    await app?.stop();
    await redisServer?.stop();
  });

  test("pages and the API keep working from Postgres, and caching resumes after", async ({
    page,
    request,
    user,
  }) => {
    test.setTimeout(120_000);
    const [post] = await sql<{ slug: string; id: number }>(
      `SELECT slug, id FROM posts WHERE published ORDER BY id DESC LIMIT 1`,
    );
    const storedViews = async () =>
      (
        await sql<{ view_count: number }>(`SELECT view_count FROM posts WHERE id = $1`, [post.id])
      )[0].view_count;
    await signIn(page, user, { origin: app.origin });
    await page.goto(`${app.origin}/`);
    await expect(page.getByTestId("feed")).toBeVisible();
    await expect(page.getByTestId("nav-profile")).toHaveText(user.name);

    await redisServer.stop();
    const health = await request.get(`${app.origin}/api/health`);
    expect(await health.json()).toEqual({ status: "degraded", postgres: "up", redis: "down" });
    expect(health.status()).toBe(200);

    // A page that waited for Redis (ioredis queues commands for a long time by default) would
    // exceed the navigation timeout and fail here.
    for (const path of [
      "/",
      `/posts/${post.slug}`,
      "/leaderboard",
      "/search?q=redis",
      "/static-content",
    ]) {
      const response = await page.goto(`${app.origin}${path}`, { timeout: 20_000 });
      expect(response?.status(), path).toBe(200);
      await expect(page.getByTestId("error-page"), path).toHaveCount(0);
    }
    // The session is in the Redis that is gone: the reader is shown as signed out, not an error.
    await expect(page.getByTestId("nav-profile")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

    // With no counter in Redis, a view goes straight to Postgres.
    const viewsBefore = await storedViews();
    await page.goto(`${app.origin}/posts/${post.slug}`);
    await expect(page.getByTestId("article-body")).toBeVisible();
    await expect.poll(storedViews, { timeout: 15_000 }).toBeGreaterThan(viewsBefore);

    const feed = await request.get(`${app.origin}/api/feed?page=1`);
    expect(feed.status()).toBe(200);
    expect((await feed.json()).posts.length).toBeGreaterThan(0);

    await redisServer.start();
    await expect
      .poll(async () => (await (await request.get(`${app.origin}/api/health`)).json()).redis, {
        timeout: 30_000,
      })
      .toBe("up");
    await expect
      .poll(
        async () => (await request.get(`${app.origin}/api/feed?page=1`)).headers()["server-timing"],
        { timeout: 30_000 },
      )
      .toContain('cache;desc="HIT cache:feed page:1"');
  });
});
