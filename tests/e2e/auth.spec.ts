import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { unsealData } from "iron-session";
import { expect, redis, signIn, sql, test } from "./fixtures";
import { e2eServerEnv } from "./server-env";

const SESSION_COOKIE = "blog_session";

test.describe("accounts and sessions", () => {
  async function signUp(
    page: Page,
    fields: { name: string; username: string; email: string; password: string },
  ) {
    await page.goto("/signup");
    await page.getByLabel("Name", { exact: true }).fill(fields.name);
    await page.getByLabel("Username").fill(fields.username);
    await page.getByLabel("Email").fill(fields.email);
    await page.getByLabel("Password").fill(fields.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/signin\?registered=1$/);
  }

  // Sign-ups are limited per address (the server sees the browser at 127.0.0.1), in a sliding log
  // scored by time. Counted from a fixed point 50 minutes back, which no trim during the test
  // reaches, so hits left by earlier runs cannot make the count move.
  const since = Date.now() - 50 * 60_000;
  const signUps = () => redis.zcount("rl:signup:ip:127.0.0.1", since, "+inf");

  test("sign up creates an account, then the person signs in", async ({ page }) => {
    const username = `new_${randomBytes(4).toString("hex")}`;
    const email = `${username}@e2e.example`;
    const before = await signUps();
    await signUp(page, { name: "New Person", username, email, password: "long enough password" });
    expect(await signUps()).toBe(before + 1);
    await expect(page.getByTestId("signup-notice")).toContainText(
      "Sign in with the email and password you just entered.",
    );
    await expect(page.getByTestId("nav-profile")).toHaveCount(0);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("nav-profile")).toHaveText("New Person");
    await sql(`DELETE FROM users WHERE username = $1`, [username]);
  });

  test("sign-up with an email that has an account looks the same and changes nothing", async ({
    page,
    user,
  }) => {
    const username = `dup_${randomBytes(4).toString("hex")}`;
    await signUp(page, {
      name: "Impostor",
      username,
      email: user.email,
      password: "attacker password",
    });
    await expect(page.getByTestId("signup-notice")).toContainText(
      "Sign in with the email and password you just entered.",
    );
    expect(await sql(`SELECT id FROM users WHERE username = $1`, [username])).toHaveLength(0);
    await signIn(page, user);
    await expect(page.getByTestId("nav-profile")).toHaveText(user.name);
  });

  test("sign-up errors show beside their fields and keep what was typed", async ({
    page,
    user,
  }) => {
    const before = await signUps();
    await page.goto("/signup");
    await page.getByLabel("Name", { exact: true }).fill("Someone");
    await page.getByLabel("Username").fill("bad name!");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByTestId("error-username")).toHaveText(
      "Use only letters, digits and underscores.",
    );
    await expect(page.getByTestId("error-password")).toHaveText("Use at least 8 characters.");
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Someone");
    await expect(page.getByLabel("Username")).toHaveValue("bad name!");
    await expect(page.getByLabel("Password")).toHaveValue("");
    // A form with mistakes hashes nothing and does not count against the limit.
    expect(await signUps()).toBe(before);
  });

  test("a wrong password is refused and the email is kept", async ({ page, user }) => {
    await page.goto("/signin");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("error-password")).toHaveText(
      "That email and password do not match an account.",
    );
    await expect(page.getByLabel("Email")).toHaveValue(user.email);
    await expect(page.getByTestId("nav-profile")).toHaveCount(0);
  });

  test("the cookie seals only a session id; the session lives in Redis with a TTL", async ({
    signedInPage: _page,
    context,
    user,
  }) => {
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    expect(cookie.expires).toBe(-1); // no "remember me": ends with the browser
    expect(cookie.value).toMatch(/^Fe26\.2\*/);
    for (const secret of [user.email, user.username, user.name])
      expect(cookie.value).not.toContain(secret);

    const sids = await redis.zrange(`sessions:user:${user.id}`, 0, -1);
    expect(sids).toHaveLength(1);
    // Opened with the server's secret, the cookie holds the session id and nothing else.
    const sealed = await unsealData(decodeURIComponent(cookie.value), {
      password: e2eServerEnv.SESSION_SECRET,
      ttl: 30 * 86_400,
    });
    expect(sealed).toEqual({ sid: sids[0] });
    expect(await redis.ttl(`session:${sids[0]}`)).toBeGreaterThan(0);
    expect(JSON.parse((await redis.get(`session:${sids[0]}`))!)).toMatchObject({ userId: user.id });
  });

  test("remember me makes the cookie outlive the browser", async ({ page, context, user }) => {
    await signIn(page, user, { remember: true });
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.expires * 1000).toBeGreaterThan(Date.now() + 7 * 86_400_000);
  });

  test("signing in again rotates the session id and deletes the old record", async ({
    signedInPage: page,
    user,
  }) => {
    const [before] = await redis.zrange(`sessions:user:${user.id}`, 0, -1);
    await signIn(page, user);
    const after = await redis.zrange(`sessions:user:${user.id}`, 0, -1);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
    expect(await redis.exists(`session:${before}`)).toBe(0);
  });

  test("sign out ends the session in Redis", async ({ signedInPage: page, user }) => {
    const [sid] = await redis.zrange(`sessions:user:${user.id}`, 0, -1);
    await page.getByTestId("sign-out").click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    expect(await redis.exists(`session:${sid}`)).toBe(0);
  });

  test("sign out everywhere ends the sessions on other devices", async ({
    browser,
    page,
    user,
  }) => {
    const otherDevice = await browser.newContext();
    const otherPage = await otherDevice.newPage();
    await signIn(otherPage, user);
    await signIn(page, user);
    expect(await redis.zcard(`sessions:user:${user.id}`)).toBe(2);

    await page.goto("/settings");
    await page.getByTestId("sign-out-everywhere").click();
    await expect(page).toHaveURL(/\/signin\?ended=everywhere&keys=none$/);
    await expect(page.getByTestId("signed-out-notice")).toHaveText(
      "You are signed out everywhere.",
    );

    await otherPage.goto("/settings");
    await expect(otherPage).toHaveURL(/\/signin\?next=%2Fsettings|\/signin\?next=\/settings/);
    expect(await redis.zcard(`sessions:user:${user.id}`)).toBe(0);
    await otherDevice.close();
  });

  test("a session that guesses the current password too often is ended, and the password stays", async ({
    signedInPage: page,
    user,
  }) => {
    await page.goto("/settings");
    const form = page.getByTestId("password-form");
    const guess = async (currentPassword: string) => {
      await form.getByLabel("Current password").fill(currentPassword);
      await form.getByLabel("New password", { exact: true }).fill("a guessed new password");
      await form.getByLabel("Repeat the new password").fill("a guessed new password");
      const answered = page.waitForResponse((r) => r.request().method() === "POST");
      await form.getByRole("button", { name: "Change password" }).click();
      await answered;
    };
    for (let i = 0; i < 5; i++) {
      await guess(`guess ${i}`);
      await expect(form.getByText("This is not your current password.")).toBeVisible();
      // The form is emptied once the answer is shown: typing before that would be lost.
      await expect(form.getByLabel("Current password")).toHaveValue("");
    }
    // Past the bound, even the right password ends the session instead of being checked.
    await guess(user.password);
    await expect(page).toHaveURL(/\/signin\?ended=password-checks$/);
    await expect(page.getByTestId("signed-out-notice")).toHaveText(
      "You were signed out after too many wrong current passwords. Sign in again to go on.",
    );
    expect(await redis.zcard(`sessions:user:${user.id}`)).toBe(0);
    await page.goto("/settings");
    await expect(page).toHaveURL(/\/signin\?next=/);
    // Signed in again (the password proved), the new session starts with its own checks.
    await signIn(page, user);
    await page.goto("/settings");
    await guess("one more typo");
    await expect(form.getByText("This is not your current password.")).toBeVisible();
    await expect(page).toHaveURL(/\/settings$/);
  });

  test("pages that need an account send visitors to sign in and back", async ({ page, user }) => {
    await page.goto("/posts/new");
    await expect(page).toHaveURL(/\/signin\?next=/);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/posts\/new$/);
  });
});
