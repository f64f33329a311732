import { expect, SAME_ORIGIN, signIn, test } from "./fixtures";

test.describe("HTTP API", () => {
  test("health reports both services", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", postgres: "up", redis: "up" });
  });

  test("feed pages have the documented shape and refuse bad page numbers", async ({ request }) => {
    const feed = await (await request.get("/api/feed?page=1")).json();
    expect(Object.keys(feed).sort()).toEqual(["currentPage", "pages", "posts", "total"]);
    expect(feed.currentPage).toBe(1);
    expect(feed.posts[0]).toHaveProperty("author.username");
    for (const page of ["-1", "0", "1.5", "abc"]) {
      const response = await request.get(`/api/feed?page=${page}`);
      expect(response.status(), page).toBe(400);
      expect((await response.json()).error).toMatchObject({
        code: "validation_failed",
        fields: { page: expect.any(String) },
      });
    }
  });

  test("writing needs a signed-in session", async ({ request }) => {
    const response = await request.post("/api/posts", {
      data: { title: "Nope", content: "Not signed in at all." },
    });
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "unauthorized", message: "You need to sign in to do that." },
    });
  });

  test("create, read, update and delete a post through the API", async ({
    signedInPage: page,
    user,
  }) => {
    const api = page.request;
    const created = await api.post("/api/posts", {
      headers: SAME_ORIGIN,
      data: { title: "Via the API", content: "Written with a JSON body." },
    });
    expect(created.status()).toBe(201);
    const post = await created.json();
    expect(created.headers().location).toBe(`/api/posts/${post.id}`);
    expect(post).toMatchObject({
      title: "Via the API",
      published: true,
      author: { username: user.username },
    });
    expect(post).not.toHaveProperty("authorId");

    expect((await (await api.get(`/api/posts/${post.id}`)).json()).title).toBe("Via the API");
    const patched = await api.patch(`/api/posts/${post.id}`, {
      headers: SAME_ORIGIN,
      data: { title: "Via the API, edited" },
    });
    expect((await patched.json()).title).toBe("Via the API, edited");
    expect((await api.delete(`/api/posts/${post.id}`, { headers: SAME_ORIGIN })).status()).toBe(
      204,
    );
    expect((await api.get(`/api/posts/${post.id}`)).status()).toBe(404);
  });

  test("bad bodies get clear errors", async ({ signedInPage: page }) => {
    const api = page.request;
    const invalid = await api.post("/api/posts", {
      headers: SAME_ORIGIN,
      data: { title: "", content: 5 },
    });
    expect(invalid.status()).toBe(400);
    expect(Object.keys((await invalid.json()).error.fields).sort()).toEqual(["content", "title"]);

    const notJson = await api.post("/api/posts", {
      headers: { ...SAME_ORIGIN, "content-type": "application/json" },
      data: Buffer.from("{oops"),
    });
    expect(notJson.status()).toBe(400);
    expect((await notJson.json()).error.message).toBe("The request body is not valid JSON.");

    const huge = await api.post("/api/posts", {
      headers: SAME_ORIGIN,
      data: { title: "Huge", content: "x".repeat(300_000) },
    });
    expect(huge.status()).toBe(413);
    expect((await huge.json()).error.code).toBe("payload_too_large");

    const nul = await api.post("/api/posts", {
      headers: SAME_ORIGIN,
      data: { title: "Null\u0000byte", content: "Postgres text cannot hold it." },
    });
    expect(nul.status()).toBe(400);
    expect((await nul.json()).error.fields).toEqual({
      title: "Remove the null character (U+0000).",
    });

    const form = await api.post("/api/posts", { headers: SAME_ORIGIN, form: { title: "x" } });
    expect(form.status()).toBe(415);
  });

  test("someone else's post cannot be changed; unknown ids are 404", async ({
    signedInPage: page,
    makeUser,
  }) => {
    const post = await (
      await page.request.post("/api/posts", {
        headers: SAME_ORIGIN,
        data: { title: "Owned", content: "Only mine to change." },
      })
    ).json();
    await page.context().clearCookies();
    await signIn(page, await makeUser());
    const patch = await page.request.patch(`/api/posts/${post.id}`, {
      headers: SAME_ORIGIN,
      data: { title: "Taken over" },
    });
    expect(patch.status()).toBe(403);
    expect(
      (await page.request.delete(`/api/posts/${post.id}`, { headers: SAME_ORIGIN })).status(),
    ).toBe(403);
    for (const id of ["999999999", "abc", "-1"])
      expect((await page.request.get(`/api/posts/${id}`)).status()).toBe(404);
  });

  test("cross-site writes are refused, and so are cookie writes that do not say where they come from", async ({
    signedInPage: page,
  }) => {
    const data = { title: "CSRF", content: "Should never be written." };
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      {},
    ];
    for (const headers of attempts) {
      const response = await page.request.post("/api/posts", { headers, data });
      expect(response.status(), JSON.stringify(headers)).toBe(403);
    }
    const origin = new URL(page.url()).origin;
    const allowed = await page.request.post("/api/posts", {
      headers: { origin },
      data: { ...data, published: false },
    });
    expect(allowed.status()).toBe(201);
  });
});
