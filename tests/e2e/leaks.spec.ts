// What a browser actually receives when a page refuses it, and what ending sessions does to
// live streams and API keys.
import type { Page } from "@playwright/test";
import { expect, redis, signIn, sql, test } from "./fixtures";

const article = { title: "Posted with an API key", content: "Written by a script, not a browser." };

async function makeApiKey(page: Page, name: string): Promise<string> {
  await page.goto("/settings");
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create API key" }).click();
  return page.getByTestId("new-api-key-value").inputValue();
}

// An EventSource of the page's own, counting how often the server ended its stream.
async function watchStream(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const w = window as unknown as { streamEnds: number };
        w.streamEnds = 0;
        const source = new EventSource("/api/events");
        source.onopen = () => resolve();
        source.onerror = () => {
          w.streamEnds += 1;
        };
      }),
  );
  return () => page.evaluate(() => (window as unknown as { streamEnds: number }).streamEnds);
}

test.describe("statuses of pages that refuse", () => {
  test("a reader who is not an admin gets 403 on the admin pages, with the refusal", async ({
    signedInPage: page,
  }) => {
    for (const path of [
      "/admin/cache",
      "/admin/cache/keys",
      "/admin/cache/key?key=cache%3Afeed%3Apage%3A1",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByTestId("refused"), path).toContainText(
        "The cache admin pages are for administrators.",
      );
    }
  });

  test("editing someone else's article answers 403", async ({ page, user, makeUser }) => {
    const author = await makeUser();
    const [{ slug }] = await sql<{ slug: string }>(
      `INSERT INTO posts (title, slug, content, excerpt, published, published_at, author_id, updated_at)
       VALUES ('Not yours', $1, 'Body.', 'Body.', true, now(), $2, now()) RETURNING slug`,
      [`not-yours-${author.id}`, author.id],
    );
    await signIn(page, user);
    const response = await page.goto(`/posts/${slug}/edit`);
    expect(response?.status()).toBe(403);
    await expect(page.getByTestId("refused")).toContainText(
      "Only the author can edit this article.",
    );
  });

  test("a page that needs an account answers a redirect, not a 200 page", async ({ request }) => {
    for (const path of ["/settings", "/dashboard", "/posts/new", "/admin/cache"]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(307);
      expect(response.headers().location, path).toMatch(/^\/signin\?next=/);
    }
  });

  test("the 11th search in a minute answers 429 with Retry-After, uncacheable, and the page says why", async ({
    signedInPage: page,
  }) => {
    for (let i = 1; i <= 10; i++) {
      const ok = await page.goto(`/search?q=status+${i}`);
      expect(ok?.status()).toBe(200);
    }
    const refused = await page.goto("/search?q=one+too+many");
    expect(refused?.status()).toBe(429);
    const headers = refused!.headers();
    expect(Number(headers["retry-after"])).toBeGreaterThan(0);
    expect(headers["cache-control"]).toMatch(/private/);
    expect(headers["cache-control"]).toMatch(/no-store/);
    await expect(page.getByTestId("rate-limited")).toContainText(
      /the limit is 10 per minute\. Try again in \d+ seconds?\./,
    );
  });
});

test.describe("ending sessions", () => {
  test("sign out everywhere closes the other devices' live streams and, when asked, revokes API keys", async ({
    browser,
    signedInPage: page,
    user,
    request,
  }) => {
    const token = await makeApiKey(page, "laptop");
    const otherDevice = await browser.newContext();
    const otherPage = await otherDevice.newPage();
    await signIn(otherPage, user);
    const endsSeen = await watchStream(otherPage);
    expect(await endsSeen()).toBe(0);

    await page.goto("/settings");
    const choice = page.getByTestId("revoke-api-keys");
    await expect(page.getByText("Also revoke your API key").last()).toBeVisible();
    await expect(
      page.getByText("API keys are not sessions: unless revoked, it keeps working.").last(),
    ).toBeVisible();
    await page
      .locator("form", { has: page.getByTestId("sign-out-everywhere") })
      .getByTestId("revoke-api-keys")
      .check();
    await page.getByTestId("sign-out-everywhere").click();
    await expect(page.getByTestId("signed-out-notice")).toHaveText(
      "You are signed out everywhere. Your API keys are revoked.",
    );

    // The other device's stream was ended by the server (its EventSource saw the end).
    await expect.poll(endsSeen).toBeGreaterThan(0);
    const refused = await request.post("/api/posts", {
      headers: { "X-API-Key": token },
      data: article,
    });
    expect(refused.status()).toBe(401);
    expect((await refused.json()).error.message).toBe(
      "That API key was revoked. Make a new one in Settings.",
    );
    expect(await choice.count()).toBe(0);
    expect(await redis.zcard(`sessions:user:${user.id}`)).toBe(0);
    await otherDevice.close();
  });

  test("a password change signs out the other devices, closes their streams, and says the keys still work", async ({
    browser,
    signedInPage: page,
    user,
    request,
  }) => {
    const token = await makeApiKey(page, "ci");
    const otherDevice = await browser.newContext();
    const otherPage = await otherDevice.newPage();
    await signIn(otherPage, user);
    const otherEnds = await watchStream(otherPage);
    await page.goto("/settings");
    const ownEnds = await watchStream(page); // the form answers in place: this page stays
    const form = page.getByTestId("password-form");
    await form.getByLabel("Current password").fill(user.password);
    await form.getByLabel("New password", { exact: true }).fill("a brand new password");
    await form.getByLabel("Repeat the new password").fill("a brand new password");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByTestId("form-message")).toHaveText(
      "Your password is changed. Your other devices are signed out. Your API keys still work: revoke them in Settings if someone else may have them.",
    );
    await expect.poll(otherEnds).toBeGreaterThan(0);
    expect(
      (
        await request.post("/api/posts", { headers: { "X-API-Key": token }, data: article })
      ).status(),
    ).toBe(201);
    expect(await ownEnds()).toBe(0);
    await otherDevice.close();
  });
});
