import type { Page } from "@playwright/test";
import { expect, redis, type TestUser, test } from "./fixtures";

async function attempt(page: Page, user: TestUser, password: string) {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([
    page.waitForResponse(
      (response) =>
        response.request().method() === "POST" && new URL(response.url()).pathname === "/signin",
    ),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
}

test.describe("sign-in limit", () => {
  test("after 5 failures the form refuses even the right password, for that email and address", async ({
    page,
    user,
  }) => {
    // Next.js records the connection's address; the browser connects from 127.0.0.1.
    const failures = `rl:signin:${encodeURIComponent(user.email)}:127.0.0.1`;
    await page.goto("/signin");
    for (let i = 1; i <= 5; i++) {
      await attempt(page, user, `wrong password ${i}`);
      await expect(page.getByTestId("error-password")).toHaveText(
        "That email and password do not match an account.",
      );
      expect(await redis.zcard(failures)).toBe(i);
    }

    await attempt(page, user, user.password);
    await expect(page.getByTestId("error-email")).toHaveText(
      "Too many failed sign-in attempts for this email address. Try again in 15 minutes.",
    );
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("nav-profile")).toHaveCount(0);
    expect(await redis.pttl(failures)).toBeGreaterThan(14 * 60_000);

    // When the window has passed (here: its log is gone), the right password works again.
    await redis.del(failures);
    await attempt(page, user, user.password);
    await expect(page.getByTestId("nav-profile")).toHaveText(user.name);
    expect(await redis.exists(failures)).toBe(0);
  });
});
