import { AppProcess, freePort, PrivateRedis } from "./app-process";
import { expect, sql, test } from "./fixtures";

// The whole app with its Redis killed: pages and the API answer from Postgres, health says
// "degraded", nobody waits for a minute, and caching comes back with Redis.
test.describe("when Redis goes away", () => {
  let redisServer: PrivateRedis;
  let app: AppProcess;

  test.beforeAll(async () => {
    redisServer = new PrivateRedis(await freePort());
    await redisServer.start();
    app = new AppProcess(await freePort(), { REDIS_URL: `redis://127.0.0.1:${redisServer.port}/0` });
    await app.start();
  });

  test.afterAll(async () => {
    await app?.stop();
    await redisServer?.stop();
  });

  test("pages and the API keep working from Postgres, and caching resumes after", async ({ page, request }) => {
    test.setTimeout(120_000);
    const [post] = await sql<{ slug: string; id: number }>(`SELECT slug, id FROM posts WHERE published ORDER BY id DESC LIMIT 1`);
    await page.goto(`${app.origin}/`);
    await expect(page.getByTestId("feed")).toBeVisible();

    await redisServer.stop();
    const health = await request.get(`${app.origin}/api/health`);
    expect(await health.json()).toEqual({ status: "degraded", postgres: "up", redis: "down" });
    expect(health.status()).toBe(200);

    // A page that waited for Redis (ioredis queues commands for a long time by default) would
    // exceed the navigation timeout and fail here.
    for (const path of ["/", `/posts/${post.slug}`, "/leaderboard", "/search?q=redis", "/static-content"]) {
      const response = await page.goto(`${app.origin}${path}`, { timeout: 20_000 });
      expect(response?.status(), path).toBe(200);
      await expect(page.getByTestId("error-page"), path).toHaveCount(0);
    }
    await page.goto(`${app.origin}/posts/${post.slug}`);
    await expect(page.getByTestId("article-body")).toBeVisible();

    const feed = await request.get(`${app.origin}/api/feed?page=1`);
    expect(feed.status()).toBe(200);
    expect((await feed.json()).posts.length).toBeGreaterThan(0);

    await redisServer.start();
    await expect
      .poll(async () => (await (await request.get(`${app.origin}/api/health`)).json()).redis, { timeout: 30_000 })
      .toBe("up");
    await expect
      .poll(async () => (await request.get(`${app.origin}/api/feed?page=1`)).headers()["server-timing"], { timeout: 30_000 })
      .toContain('cache;desc="HIT cache:feed page:1"');
  });
});
