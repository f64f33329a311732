import { expect, redis, sql, test } from "./fixtures";

const KEY_FORMAT = /^blog_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;
const article = { title: "Posted with an API key", content: "Written by a script, not a browser." };

test.describe("API keys", () => {
  test("made in Settings, shown once, used as X-API-Key, then revoked", async ({
    signedInPage: page,
    user,
    request,
  }) => {
    await page.goto("/settings");
    const section = page.getByTestId("api-keys");
    await expect(section).toContainText("You have no API keys.");

    await page.getByLabel("Key name").fill("e2e script");
    await page.getByRole("button", { name: "Create API key" }).click();
    await expect(page.getByTestId("new-api-key")).toContainText("it will not be shown again");
    const token = await page.getByTestId("new-api-key-value").inputValue();
    expect(token).toMatch(KEY_FORMAT);
    const item = section.getByTestId("api-key").filter({ hasText: "e2e script" });
    await expect(item.getByTestId("api-key-id")).toHaveText(`${token.slice(0, 13)}…`);
    await expect(item).toContainText("Never used");
    const [{ rows }] = await sql<{ rows: string }>(
      `SELECT string_agg(api_keys::text, ' ') AS rows FROM api_keys WHERE user_id = $1`,
      [user.id],
    );
    expect(rows).not.toContain(token.slice(14));

    // `request` has none of the page's cookies: the key alone signs the call.
    const created = await request.post("/api/posts", {
      headers: { "X-API-Key": token },
      data: article,
    });
    expect(created.status()).toBe(201);
    expect(await created.json()).toMatchObject({
      title: article.title,
      author: { username: user.username },
    });
    expect(created.headers()["ratelimit-policy"]).toMatch(/^"api";q=\d+;w=3600$/);
    expect(Number(created.headers()["x-ratelimit-remaining"])).toBeLessThan(
      Number(created.headers()["x-ratelimit-limit"]),
    );
    // Counted against the key, while the browser's own API calls count against the user.
    const [{ id: keyId }] = await sql<{ id: number }>(
      `SELECT id FROM api_keys WHERE user_id = $1`,
      [user.id],
    );
    expect(await redis.zcard(`rl:api:key:${keyId}`)).toBe(1);
    expect((await page.request.get("/api/feed")).status()).toBe(200);
    expect(await redis.zcard(`rl:api:user:${user.id}`)).toBe(1);
    for (const key of [`rl:api:key:${keyId}`, `rl:api:user:${user.id}`]) await redis.del(key);

    // Shown once: after a reload the key is nowhere on the page, only its visible id.
    await page.reload();
    await expect(page.getByTestId("new-api-key")).toHaveCount(0);
    expect(await page.content()).not.toContain(token.slice(14));
    await expect(item).toContainText("Last used");

    await item.getByRole("button", { name: "Revoke" }).click();
    await expect(item).toContainText("Revoked");
    await expect(item.getByRole("button", { name: "Revoke" })).toHaveCount(0);
    const refused = await request.post("/api/posts", {
      headers: { "X-API-Key": token },
      data: article,
    });
    expect(refused.status()).toBe(401);
    expect(await refused.json()).toEqual({
      error: {
        code: "unauthorized",
        message: "That API key was revoked. Make a new one in Settings.",
      },
    });

    const malformed = await request.post("/api/posts", {
      headers: { "X-API-Key": "not-a-key" },
      data: article,
    });
    expect(malformed.status()).toBe(401);
    expect((await malformed.json()).error.message).toMatch(/^That API key is malformed\./);
    const [{ count }] = await sql<{ count: string }>(
      `SELECT count(*) FROM posts WHERE author_id = $1`,
      [user.id],
    );
    expect(Number(count)).toBe(1);
  });

  test("the API limit answers 429 through the proxy once a key's hour is used up", async ({
    signedInPage: page,
    user,
    request,
  }) => {
    await page.goto("/settings");
    await page.getByLabel("Key name").fill("busy script");
    await page.getByRole("button", { name: "Create API key" }).click();
    const token = await page.getByTestId("new-api-key-value").inputValue();
    const first = await request.get("/api/feed", { headers: { "X-API-Key": token } });
    expect(first.status()).toBe(200);
    const limit = Number(first.headers()["x-ratelimit-limit"]);

    // Fill the key's sliding log up to the limit rather than sending that many requests.
    const [{ id }] = await sql<{ id: number }>(`SELECT id FROM api_keys WHERE user_id = $1`, [
      user.id,
    ]);
    const log = `rl:api:key:${id}`;
    const now = Date.now();
    for (let from = 0; from < limit; from += 10_000) {
      const members = Array.from({ length: Math.min(10_000, limit - from) }, (_, i) => [
        now,
        `${now}-e2e${from + i}`,
      ]).flat();
      await redis.zadd(log, ...members);
    }
    const refused = await request.get("/api/feed", { headers: { "X-API-Key": token } });
    expect(refused.status()).toBe(429);
    const retryAfter = Number(refused.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(refused.headers()["x-ratelimit-remaining"]).toBe("0");
    expect(refused.headers().ratelimit).toBe(`"api";r=0;t=${retryAfter}`);
    expect(await refused.json()).toEqual({
      error: {
        code: "rate_limited",
        message: `Too many requests: the limit is ${limit} per hour. Try again in 60 minutes.`,
        retryAfter,
      },
    });
    // Health checks and the event stream are not limited.
    const health = await request.get("/api/health", { headers: { "X-API-Key": token } });
    expect(health.status()).toBe(200);
    expect(health.headers()["x-ratelimit-limit"]).toBeUndefined();
    await redis.del(log);
  });
});
