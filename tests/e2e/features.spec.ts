import { randomBytes } from "node:crypto";
import { expect, SAME_ORIGIN, signIn, sql, type TestUser, test, writePost } from "./fixtures";

const word = () => `zq${randomBytes(5).toString("hex")}`;

// A published post written straight into Postgres: the activity stream has never heard of it,
// so the profile's stream is rebuilt from Postgres.
async function insertPost(author: TestUser, title: string) {
  const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomBytes(3).toString("hex")}`;
  await sql(
    `INSERT INTO posts (slug, title, content, excerpt, published, published_at, author_id, updated_at)
     VALUES ($1, $2, 'Inserted for a follow test.', 'Inserted.', true, now(), $3, now())`,
    [slug, title, author.id],
  );
  return slug;
}

test.describe("leaderboard, followers, activity and search", () => {
  test("the leaderboard shows ranks and the signed-in author's own rank", async ({
    signedInPage: page,
    user,
  }) => {
    await page.goto("/leaderboard");
    await expect(page.getByTestId("your-rank")).toHaveText(/Your rank: not ranked yet/);

    await writePost(page, `Climbing the board ${word()}`);
    // The author's own reading counts once; a reload within half an hour does not count again.
    await expect(page.getByTestId("view-count")).toHaveText("1 view");
    await page.reload();
    await expect(page.getByTestId("view-count")).toHaveText("1 view");
    await page.goto("/leaderboard");
    await expect(page.getByTestId("your-rank")).toHaveText(/^Your rank: #\d+ with 1 view\.$/);
    // The reader's own row is marked when they are in the table, and no other row is.
    const rank = Number((await page.getByTestId("your-rank").textContent())?.match(/#(\d+)/)?.[1]);
    const marked = page.locator('[data-testid="leaderboard-row"][aria-current="true"]');
    if (rank <= 10) await expect(marked).toContainText(`@${user.username}`);
    else await expect(marked).toHaveCount(0);
    const ranks = await page
      .getByTestId("leaderboard-row")
      .locator("td:first-child")
      .allTextContents();
    expect(ranks.length).toBeGreaterThan(0);
    expect(ranks).toEqual(ranks.map((_, i) => `#${i + 1}`));
    await expect(page.getByTestId("trending")).toBeVisible();
    await expect(page.getByTestId("trace")).toContainText("Redis round trip");
  });

  test("following from a profile updates the counts and shows the followee's activity", async ({
    page,
    user,
    makeUser,
  }) => {
    const author = await makeUser();
    const title = `Worth following ${word()}`;
    await insertPost(author, title);
    await signIn(page, user);
    await page.goto(`/u/${author.username}`);
    await expect(page.getByTestId("followers-count")).toHaveText("0 followers");
    await expect(page.getByTestId("activity-entry").first()).toHaveText(
      new RegExp(`^Published ${title}`),
    );

    await page.getByTestId("follow-button").click();
    await expect(page.getByTestId("followers-count")).toHaveText("1 followers");
    await expect(page.getByTestId("follow-button")).toHaveText("Unfollow");

    await page.goto(`/u/${user.username}`);
    await expect(page.getByTestId("following-count")).toHaveText("1 following");
    await expect(page.getByTestId("activity-entry").first()).toHaveText(
      new RegExp(`^Followed ${author.name}`),
    );
    await page.goto("/");
    await expect(page.getByTestId("sidebar-activity")).toContainText(`Followed ${author.name}`);

    const self = await page.request.post(`/api/users/${user.id}/follow`, { headers: SAME_ORIGIN });
    expect(self.status()).toBe(400);
    expect((await self.json()).error.message).toBe("You can't follow yourself.");

    await page.goto(`/u/${author.username}`);
    await page.getByTestId("follow-button").click();
    await expect(page.getByTestId("followers-count")).toHaveText("0 followers");
    await expect(page.getByTestId("follow-button")).toHaveText("Follow");
  });

  test("search finds a freshly written post and highlights the match", async ({
    signedInPage: page,
  }) => {
    const w = word();
    await writePost(
      page,
      `Searching for ${w}`,
      `This article is the only one that mentions ${w} anywhere.`,
    );
    await page.goto("/search");
    await page.getByLabel("Search articles").fill(`  ${w.toUpperCase()} `);
    await page.getByLabel("Search articles").press("Enter");
    const result = page.getByTestId("search-result");
    await expect(result).toHaveCount(1);
    await expect(result.getByRole("heading")).toHaveText(`Searching for ${w}`);
    await expect(result.locator("mark").first()).toHaveText(w);

    await page.goto("/search?q=%20");
    await expect(page.getByTestId("search-error")).toHaveText("Enter something to search for.");
  });

  test("the 11th search in a minute gets the 429 page, and the API a JSON 429", async ({
    signedInPage: page,
  }) => {
    // The signed-in user is a fresh identity: nobody else's searches count against it.
    for (let i = 1; i <= 10; i++) {
      await page.goto(`/search?q=limit+${i}`);
      await expect(page.getByTestId("search-summary")).toBeVisible();
    }
    await page.goto("/search?q=one+too+many");
    await expect(page.getByTestId("rate-limited")).toContainText(
      /the limit is 10 per minute\. Try again in \d+ seconds?\./,
    );

    const api = await page.request.get("/api/search?q=still+too+many");
    expect(api.status()).toBe(429);
    expect(Number(api.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await api.json()).error).toMatchObject({
      code: "rate_limited",
      retryAfter: expect.any(Number),
    });
  });
});
