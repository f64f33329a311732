import { randomBytes } from "node:crypto";
import { keysMatching } from "../helpers/scan";
import { behindNginx, expect, redis, signIn, test, writePost } from "./fixtures";

const uniqueTitle = (label: string) => `${label} ${randomBytes(3).toString("hex")}`;

test.describe("articles", () => {
  test("a new article appears on its page and at the top of the feed", async ({
    signedInPage: page,
  }) => {
    const title = uniqueTitle("Fresh from the oven");
    await writePost(page, title);
    await expect(page.getByTestId("article-body").locator("strong")).toHaveText("Redis");
    await page.goto("/");
    await expect(page.getByTestId("post-card").first().getByRole("heading")).toHaveText(title);
  });

  test("bad input shows field errors and keeps what was typed", async ({ signedInPage: page }) => {
    await page.goto("/posts/new");
    await page.getByLabel("Title").fill("ab");
    await page.getByLabel("Article").fill("too short");
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByTestId("error-title")).toHaveText("Use at least 3 characters.");
    await expect(page.getByTestId("error-content")).toHaveText("Write at least 10 characters.");
    await expect(page.getByLabel("Title")).toHaveValue("ab");
    await expect(page.getByLabel("Article")).toHaveValue("too short");
  });

  test("hostile markdown is shown as text and runs nothing", async ({ signedInPage: page }) => {
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const title = uniqueTitle("Hostile");
    await writePost(
      page,
      title,
      '<script>alert("xss")</script>\n\n<img src=x onerror="alert(1)">\n\n[click me](javascript:alert(2))',
    );
    const body = page.getByTestId("article-body");
    await expect(body).toContainText('<script>alert("xss")</script>');
    await expect(body.locator("script, img, a[href^='javascript']")).toHaveCount(0);
    await body.getByText("click me").click();
    expect(dialogs).toEqual([]);
  });

  test("comment, edit and delete", async ({ signedInPage: page }) => {
    const title = uniqueTitle("Editable");
    await writePost(page, title);

    await page.getByLabel("Add a comment").fill("Nice one, me.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByTestId("comment")).toContainText("Nice one, me.");
    await expect(page.getByLabel("Add a comment")).toHaveValue("");

    await page.getByTestId("edit-post").click();
    await page.getByLabel("Title").fill(`${title} (edited)`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${title} (edited)`);

    page.once("dialog", (dialog) => dialog.accept());
    await page.getByTestId("delete-post").click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByText(`${title} (edited)`)).toHaveCount(0);
  });

  test("someone else cannot edit or delete an article", async ({
    signedInPage: page,
    makeUser,
  }) => {
    const title = uniqueTitle("Mine");
    await writePost(page, title);
    const url = page.url();

    const intruder = await makeUser();
    await page.context().clearCookies();
    await signIn(page, intruder);
    await page.goto(url);
    await expect(page.getByTestId("edit-post")).toHaveCount(0);
    await expect(page.getByTestId("delete-post")).toHaveCount(0);
    await page.goto(`${url}/edit`);
    await expect(page.getByTestId("refused")).toContainText(
      "Only the author can edit this article.",
    );
  });

  test("author profile lists the author's articles", async ({ signedInPage: page, user }) => {
    const title = uniqueTitle("On my profile");
    await writePost(page, title);
    await page.goto(`/u/${user.username}`);
    await expect(page.getByTestId("profile-name")).toHaveText(user.name);
    await expect(page.getByRole("heading", { name: title })).toBeVisible();
  });

  test("profile changes in settings show at once", async ({ signedInPage: page, user }) => {
    await page.goto("/settings");
    await page.getByLabel("Bio").fill("Caches everything twice.");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByTestId("form-message")).toHaveText("Your profile is saved.");
    await page.goto(`/u/${user.username}`);
    await expect(page.getByTestId("profile-bio")).toHaveText("Caches everything twice.");
  });

  test("unknown pages and bad page numbers get the 404 page", async ({ page }) => {
    for (const path of [
      "/posts/no-such-article",
      "/u/nobody_here_at_all",
      "/?page=-3",
      "/?page=abc",
      "/posts/%00",
      "/u/%00x",
      "/posts/%3Cscript%3E",
    ]) {
      const response = await page.goto(path);
      // nginx refuses a NUL in the path itself, before any app process sees it.
      if (behindNginx && path.includes("%00")) {
        expect(response?.status(), path).toBe(400);
        continue;
      }
      expect(response?.status(), path).toBe(404);
      await expect(page.getByTestId("not-found")).toBeVisible();
    }
  });

  // Next's cache keeps an entry per page number it renders: a stranger walking the numbers would
  // fill it. Pages past the feed cache's last one are read from Postgres and kept nowhere.
  test("feed pages far past the end are shown, and stored in no cache", async ({ page }) => {
    const stored = () => keysMatching(redis, "next-cache:uc:*");
    await redis.connect().catch(() => {}); // already connected in an earlier test of the run
    await page.goto("/?page=60"); // what else the page renders (the Popular box) is stored now
    // Entries of earlier tests may expire meanwhile: what counts is that none is added.
    const before = new Set(await stored());
    for (const number of [61, 62, 63]) {
      const response = await page.goto(`/?page=${number}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByText("No articles on this page.")).toBeVisible();
    }
    expect((await stored()).filter((key) => !before.has(key))).toEqual([]);
    expect(await keysMatching(redis, "cache:feed:page:6*")).toEqual([]);
  });
});
