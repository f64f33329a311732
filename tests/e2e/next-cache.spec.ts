import { AppProcess, freePort } from "./app-process";
import { expect, redis, signIn, test } from "./fixtures";

// Next's own cache ('use cache') on one Redis shared by two app processes: what one process
// rendered into it and another invalidates is never served again by the first.
test.describe("Next's cache shared by two processes", () => {
  let a: AppProcess;
  let b: AppProcess;

  test.beforeAll(async () => {
    [a, b] = [new AppProcess(await freePort()), new AppProcess(await freePort())];
    await Promise.all([a.start(), b.start()]);
  });

  test.afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  test("an edit made through process A shows on process B at its next request", async ({
    page,
    user,
  }) => {
    test.setTimeout(90_000);
    const title = `Shared cache ${Date.now()}`;
    // Sessions live in the shared Redis, and cookies ignore the port: signed in on both.
    await signIn(page, user);
    await page.goto(`${a.origin}/posts/new`);
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Article").fill("The **first** version of the body.");
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    const path = new URL(page.url()).pathname;

    // B renders the feed list and the article body into Next's cache, then serves them from it.
    for (let load = 0; load < 2; load++) {
      await page.goto(`${b.origin}/`);
      await expect(page.getByTestId("feed")).toContainText(title);
      await page.goto(`${b.origin}${path}`);
      await expect(page.getByTestId("article-body")).toContainText(
        "The first version of the body.",
      );
    }
    await redis.connect().catch(() => {}); // already connected in an earlier test of the run
    expect(
      await redis
        .scan("0", "MATCH", "next-cache:uc:*", "COUNT", 10_000)
        .then(([, keys]) => keys.length),
    ).toBeGreaterThan(0);

    await page.goto(`${a.origin}${path}/edit`);
    await page.getByLabel("Title").fill(`${title}, edited`);
    await page.getByLabel("Article").fill("The **second** version of the body.");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${title}, edited`);

    // No waiting, no retry: the very next request to B.
    await page.goto(`${b.origin}${path}`);
    expect(await page.getByTestId("article-body").textContent()).toContain(
      "The second version of the body.",
    );
    await page.goto(`${b.origin}/`);
    expect(await page.getByTestId("feed").textContent()).toContain(`${title}, edited`);
  });
});
