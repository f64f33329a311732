import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { keysMatching } from "../helpers/scan";
import { testRedisDbs } from "../settings";
import { expect, onCluster, redis, signIn, sql, type TestUser, test } from "./fixtures";

// The admin cache page from the browser: figures that move, the charts, the key browser and key
// page, clearing one namespace (checked in Redis itself), hostile keys shown as text, and the
// refusals. Admins are made here, before signing in (the signed-in user is cached with its role).
async function asAdmin(page: Page, user: TestUser): Promise<TestUser> {
  await sql(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [user.id]);
  await signIn(page, user);
  return user;
}

const number = (text: string | null) => Number((text ?? "").replace(/[^\d.]/g, ""));

const scanAll = (pattern: string) => keysMatching(redis, pattern);

/** Searches the key browser and follows "Next page" until the keys are all seen or the scan ends. */
async function findKeys(page: Page, pattern: string, expected: number) {
  await page.goto("/admin/cache/keys");
  await page.getByLabel("Pattern").fill(pattern);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/admin\/cache\/keys\?pattern=/);
  const rows = () => page.getByTestId("key-row");
  for (let i = 0; i < 50 && (await rows().count()) < expected; i++) {
    const next = page.getByTestId("next-page");
    if ((await next.count()) === 0) break;
    await next.click();
  }
  await expect(rows()).toHaveCount(expected);
}

test.describe("the admin cache page", () => {
  test("a signed-out visitor is sent to sign in; the JSON API and the event stream answer 401", async ({
    page,
    request,
  }) => {
    await page.goto("/admin/cache");
    await expect(page).toHaveURL(/\/signin\?next=%2Fadmin%2Fcache$/);
    await page.goto("/admin/cache/keys?pattern=cache%3A*");
    await expect(page).toHaveURL(/\/signin\?next=/);
    for (const path of ["/api/admin/cache/stats", "/api/admin/events"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(401);
      expect((await response.json()).error.code).toBe("unauthorized");
    }
  });

  test("a reader who is not an admin is refused, on the pages and the JSON API (403)", async ({
    signedInPage: page,
  }) => {
    await expect(page.getByTestId("nav-admin")).toHaveCount(0);
    for (const path of [
      "/admin/cache",
      "/admin/cache/keys",
      "/admin/cache/key?key=cache%3Afeed%3Apage%3A1",
    ]) {
      await page.goto(path);
      await expect(page.getByTestId("refused"), path).toBeVisible();
      await expect(page.getByTestId("redis-figures")).toHaveCount(0);
    }
    for (const path of ["/api/admin/cache/stats", "/api/admin/events"]) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden");
    }
  });

  test("an admin who is demoted loses access at once, though the signed-in user is cached", async ({
    page,
    user,
  }) => {
    await asAdmin(page, user);
    await page.goto("/admin/cache");
    await expect(page.getByTestId("redis-figures")).toBeVisible();
    await sql(`UPDATE users SET role = 'USER' WHERE id = $1`, [user.id]);
    await page.goto("/admin/cache");
    await expect(page.getByTestId("refused")).toBeVisible();
    expect((await page.request.get("/api/admin/cache/stats")).status()).toBe(403);
  });

  test("an admin sees the figures move after traffic, and the charts", async ({ page, user }) => {
    await asAdmin(page, user);
    await page.getByTestId("nav-admin").click();
    await expect(page).toHaveURL(/\/admin\/cache$/);
    const commands = async () => number(await page.getByTestId("figure-commands").textContent());
    // The leaderboard is rendered for each member, its table under 'use cache': its lookups are
    // Next's cache's.
    const nextRow = page.locator('[data-testid="namespace-row"][data-namespace="next-cache"]');
    const nextLookups = async () =>
      number(await nextRow.getByTestId("ns-hits").textContent()) +
      number(await nextRow.getByTestId("ns-misses").textContent());
    const commandsBefore = await commands();
    const lookupsBefore = await nextLookups();

    for (let i = 0; i < 3; i++) await page.goto("/leaderboard");
    // Each process adds its counts to Redis every second: the last visit's may be a second away.
    await expect
      .poll(async () => {
        await page.goto("/admin/cache");
        return nextLookups();
      })
      .toBeGreaterThanOrEqual(lookupsBefore + 3);
    expect(await commands()).toBeGreaterThan(commandsBefore);

    for (const chart of ["chart-hit-rate", "chart-keys", "chart-memory", "chart-lookups"])
      await expect(page.getByTestId(chart)).toBeVisible();
    expect(
      await page.getByTestId("chart-keys").locator("circle.point").count(),
    ).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId("chart-keys").locator("circle.point.live")).toHaveCount(1);
    await expect(page.getByTestId("memory-sample")).toContainText(
      `keys of DB ${onCluster ? 0 : testRedisDbs()[0]}`,
    );

    const response = await page.request.get("/api/admin/cache/stats");
    expect(response.status()).toBe(200);
    const stats = await response.json();
    expect(stats.redis.commandsProcessed).toBeGreaterThan(commandsBefore);
    expect(stats.namespaces.map((n: { namespace: string }) => n.namespace)).toContain("cache:feed");
    expect(stats).toMatchObject({
      keyCount: expect.any(Number),
      memory: { sampled: expect.any(Number) },
      samples: expect.any(Array),
    });
  });

  test("an admin finds keys with a pattern, opens one and sees its TTL and value", async ({
    page,
    user,
  }) => {
    const prefix = `e2e-admin:${randomBytes(4).toString("hex")}`;
    await redis.set(`${prefix}:greeting`, "hello from the admin test", "EX", 500);
    await redis.hset(`${prefix}:profile`, { name: "Ada", city: "London" });
    await asAdmin(page, user);
    await findKeys(page, `${prefix}:*`, 2);

    await page.getByRole("link", { name: `${prefix}:greeting` }).click();
    await expect(page.getByTestId("key-type")).toHaveText("string");
    await expect(page.getByTestId("key-ttl")).toHaveText(/^[4-8] min( \d+ s)?$/);
    await expect(page.getByTestId("value")).toHaveText("hello from the admin test");

    await page.goBack();
    await page.getByRole("link", { name: `${prefix}:profile` }).click();
    await expect(page.getByTestId("key-type")).toHaveText("hash");
    await expect(page.getByTestId("key-ttl")).toHaveText("no expiry");
    await expect(page.getByTestId("key-items")).toContainText("London");
    await redis.del(`${prefix}:profile`);
  });

  test("clearing one namespace removes only its keys, once confirmed, and is logged and announced", async ({
    page,
    user,
  }) => {
    await asAdmin(page, user);
    await page.goto("/");
    await page.request.get("/api/feed?page=1");
    const feedKeys = (await scanAll("cache:feed:*")).filter((key) => key !== "cache:feed:stats");
    expect(feedKeys.length).toBeGreaterThan(0);
    // Locks are held for a moment by renders running in the background (the page cache's
    // refreshes): they go by themselves, so they are not what clearing must leave alone.
    const others = [
      ...(await scanAll("cache:popular:*")),
      ...(await scanAll("session:*")),
      ...(await scanAll("rl:api:*")),
      ...(await scanAll("cache:user:*")),
    ].filter((key) => !key.includes(":lock:"));
    expect(others.some((key) => key.startsWith("session:"))).toBe(true);
    expect(others.some((key) => key.startsWith("rl:api:"))).toBe(true);

    await page.goto("/admin/cache");
    await expect(page.getByTestId("live-log")).toHaveAttribute("data-connection", "open");
    const form = page.getByTestId("clear-form");
    await form.getByLabel("What to clear").selectOption("cache:feed");
    await form.getByRole("button", { name: "Clear" }).click();
    await expect(form.getByTestId("error-confirm")).toHaveText("Type cache:feed to confirm.");
    expect((await scanAll("cache:feed:*")).length).toBeGreaterThan(1);

    await form.getByLabel("Type cache:feed to confirm").fill("cache:feed");
    await form.getByRole("button", { name: "Clear" }).click();
    await expect(form.getByTestId("form-message")).toContainText("Cleared cache:feed:");
    expect(await scanAll("cache:feed:*")).toEqual(["cache:feed:stats"]);
    const stillThere = await Promise.all(others.map((key) => redis.exists(key)));
    expect(
      others.filter((_, i) => stillThere[i] === 0).filter((key) => !key.startsWith("rl:")),
    ).toEqual([]);
    expect((await scanAll("rl:api:*")).length).toBeGreaterThan(0);

    await expect(
      page
        .getByTestId("live-line")
        .filter({ hasText: `cleared by ${user.username}` })
        .first(),
    ).toContainText("cache:feed");
    // This admin's own rows: another writer of the audit log would be first in the list.
    await expect(
      page.getByTestId("audit-row").filter({ hasText: user.username }).first(),
    ).toContainText("cache.clear");
  });

  test("warming and flushing views run from the page and say what they did", async ({
    page,
    user,
  }) => {
    await asAdmin(page, user);
    await page.goto("/admin/cache");
    // The app's own warming at start-up holds the lock while it runs: with it released, this
    // click is the only warmer, and must warm.
    await expect.poll(() => redis.exists("lock:warm"), { timeout: 30_000 }).toBe(0);
    await page.getByRole("button", { name: "Warm the cache now" }).click();
    await expect(page.getByTestId("warm-form").getByTestId("form-message")).toHaveText(
      /^Warmed [1-9]\d* entr(y|ies) in \d+ ms\.$/,
    );
    await page.getByRole("button", { name: "Flush pending view counters now" }).click();
    await expect(page.getByTestId("flush-views-form").getByTestId("form-message")).toHaveText(
      /^Moved \d+ views? from Redis to Postgres\.$/,
    );
    const mine = page.getByTestId("audit-row").filter({ hasText: user.username });
    await expect(mine.first()).toContainText("views.flush");
    await expect(mine.nth(1)).toContainText("cache.warm");
  });

  test("hostile key names and values are shown as harmless text", async ({ page, user }) => {
    const prefix = `e2e-admin:${randomBytes(4).toString("hex")}`;
    const script = "<script>alert(1)</script>";
    const hostileKey = `${prefix}:${script}`;
    const binaryKey = Buffer.concat([Buffer.from(`${prefix}:bin:`), Buffer.from([0x00, 0xff])]);
    await redis.set(hostileKey, `${script}<img src=x onerror=alert(2)>`, "EX", 600);
    await redis.set(`${prefix}:long`, script.repeat(410), "EX", 600); // 10,250 characters
    await redis.set(
      binaryKey,
      Buffer.from([0x00, 0xff, 0x3c, 0x73, 0x63, 0x72, 0x69, 0x70, 0x74, 0x3e]),
      "EX",
      600,
    );
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await asAdmin(page, user);
    await findKeys(page, `${prefix}:*`, 3);
    await expect(page.getByTestId("key-table")).toContainText(hostileKey);
    await expect(page.getByTestId("key-table")).toContainText(`0x${binaryKey.toString("hex")}`);

    await page.getByRole("link", { name: hostileKey }).click();
    await expect(page.getByTestId("key-title")).toHaveText(hostileKey);
    await expect(page.getByTestId("value")).toHaveText(`${script}<img src=x onerror=alert(2)>`);
    expect(await page.locator("img[src=x]").count()).toBe(0);
    // The only scripts are the framework's (whose data may quote the key as an escaped string).
    expect(
      await page
        .locator("script")
        .evaluateAll((nodes) => nodes.filter((n) => n.textContent?.trim() === "alert(1)").length),
    ).toBe(0);

    await page.goto(`/admin/cache/key?key=${encodeURIComponent(`${prefix}:long`)}`);
    await expect(page.getByTestId("key-length")).toHaveText("10,250");
    await expect(page.getByTestId("value-truncated")).toBeVisible();

    await page.goto(`/admin/cache/key?hex=${binaryKey.toString("hex")}`);
    await expect(page.getByTestId("value")).toContainText(
      "00000000  00 ff 3c 73 63 72 69 70 74 3e",
    );
    await expect(page.getByTestId("value")).toContainText("|..<script>|");

    await page.goto(`/admin/cache/key?key=${encodeURIComponent(hostileKey)}`);
    await page.getByLabel(/Yes, delete this key/).check();
    await page.getByRole("button", { name: "Delete key" }).click();
    await expect(page.getByTestId("key-deleted")).toHaveText("The key is deleted.");
    await expect(page.getByTestId("key-missing")).toBeVisible();
    expect(await redis.exists(hostileKey)).toBe(0);
    expect(dialogs).toEqual([]);
    for (const key of [`${prefix}:long`, binaryKey]) await redis.del(key);
  });
});
