import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Redis from "ioredis";
import { PrivateRedis } from "../helpers/private-redis";
import { keysMatching } from "../helpers/scan";
import { AppProcess, freePort } from "./app-process";
import { expect, SAME_ORIGIN, signIn, sql, redis as stateRedis, test } from "./fixtures";

// The two Redis roles (docs/decisions/028): with CACHE_REDIS_URL set, every cache entry (data
// caches, whole pages, Next's cache) goes to that Redis, which may evict, and the state (sessions,
// pending views, limits) stays on REDIS_URL's. Here the cache role is a redis-server of this test's
// own, with a memory bound and an eviction policy as production would give it; then it goes away
// and members stay signed in, pages are still served.

test("the cache role holds every cache entry, the state role the sessions and views; members outlive the cache role", async ({
  page,
  user,
  request,
}) => {
  const cacheRole = new PrivateRedis(["--maxmemory", "32mb", "--maxmemory-policy", "allkeys-lru"]);
  await cacheRole.start();
  const cache = new Redis(cacheRole.url);
  cache.on("error", () => {}); // the role is stopped on purpose below
  const app = new AppProcess(await freePort(), { CACHE_REDIS_URL: `${cacheRole.url}/0` });
  await app.start();
  try {
    const [post] = await sql<{ id: number; slug: string }>(
      `SELECT id, slug FROM posts WHERE slug = 'e2e-content-2'`,
    );
    // A feed page no other test reads, then an article: stored whole, and their data cached.
    for (const path of ["/?page=43", "/?page=43", `/posts/${post.slug}`]) {
      const response = await request.get(`${app.origin}${path}`);
      expect(response.status(), path).toBe(200);
    }
    expect((await request.get(`${app.origin}/?page=43`)).headers()["x-cache"]).toBe("HIT");
    expect(await keysMatching(cache, "cache:page:*page=43*")).toHaveLength(1);
    expect(await keysMatching(stateRedis, "cache:page:*page=43*")).toEqual([]);
    expect((await keysMatching(cache, "cache:post:*")).length).toBeGreaterThan(0);

    // A member's session and a view: state, never in the cache role.
    await signIn(page, user, { origin: app.origin });
    const counted = await page.request.post(`${app.origin}/api/views`, {
      headers: SAME_ORIGIN,
      data: { path: `/posts/${post.slug}` },
    });
    expect(counted.status()).toBe(200);
    expect(await keysMatching(cache, "session:*")).toEqual([]);
    expect(await keysMatching(cache, "views:*")).toEqual([]);
    expect(await keysMatching(cache, "rl:*")).toEqual([]);
    expect((await keysMatching(stateRedis, `sessions:user:${user.id}`)).length).toBe(1);
    const health = await (await request.get(`${app.origin}/api/health`)).json();
    expect(health).toMatchObject({ status: "ok", redis: "up", cacheRedis: "up" });

    // The cache role gone: the member is still signed in, pages still come (from Next).
    await cacheRole.stop();
    await page.goto(`${app.origin}/posts/${post.slug}`);
    await expect(page.getByTestId("nav-profile")).toHaveText(user.name);
    const anonymous = await request.get(`${app.origin}/?page=43`);
    expect(anonymous.status()).toBe(200);
    expect(anonymous.headers()["x-cache"]).toBe("MISS");
    await expect
      .poll(async () => (await (await request.get(`${app.origin}/api/health`)).json()).cacheRedis)
      .toBe("down");
  } finally {
    cache.disconnect();
    await app.stop();
    await cacheRole.stop();
  }
});

// The state role as docker-compose.yml configures it (noeviction, AOF every second), stopped with
// SIGTERM and started again on its files: what it held is still there for the readers.
test("a restart of the state role keeps the member signed in, the pending view and the limits", async ({
  page,
  user,
}) => {
  const dir = mkdtempSync(path.join(tmpdir(), "state-role-"));
  const persisted = ["--appendonly", "yes", "--appendfsync", "everysec", "--dir", dir];
  const state = new PrivateRedis([...persisted, "--maxmemory-policy", "noeviction"]);
  await state.start();
  const app = new AppProcess(await freePort(), {
    REDIS_URL: `${state.url}/0`,
    RATE_LIMIT_SEARCH_PER_MINUTE: "2",
  });
  await app.start();
  try {
    const [post] = await sql<{ id: number; slug: string; view_count: number }>(
      `SELECT id, slug, view_count FROM posts WHERE slug = 'e2e-content-3'`,
    );
    await signIn(page, user, { origin: app.origin });
    const view = await page.request.post(`${app.origin}/api/views`, {
      headers: SAME_ORIGIN,
      data: { path: `/posts/${post.slug}` },
    });
    expect(await view.json()).toMatchObject({ counted: true });
    const search = () => page.request.get(`${app.origin}/api/search?q=redis`);
    expect((await search()).status()).toBe(200);
    expect((await search()).status()).toBe(200);
    expect((await search()).status()).toBe(429);

    await state.stop("SIGTERM");
    await state.start();

    await page.goto(`${app.origin}/posts/${post.slug}`);
    await expect(page.getByTestId("nav-profile")).toHaveText(user.name);
    expect((await search()).status()).toBe(429); // the window survived
    await app.stop("SIGTERM"); // flushes the pending view to Postgres
    const [after] = await sql<{ view_count: number }>(
      `SELECT view_count FROM posts WHERE id = $1`,
      [post.id],
    );
    expect(after.view_count).toBe(post.view_count + 1);
  } finally {
    await app.stop();
    await state.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
