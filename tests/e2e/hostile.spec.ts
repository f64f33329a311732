import { createHash, randomBytes } from "node:crypto";
import { expect, sql, test } from "./fixtures";

// Issue 9, against the built app: the bodies that froze the server, answered 500 or held
// Postgres for minutes are accepted through the API, and their article pages answer 200, with
// the body shown as rendered markdown or, when marked cannot render it in time, as its text.
const issueBodies: { name: string; content: string; asText: boolean }[] = [
  { name: "100,000 × <", content: "<".repeat(100_000), asText: false },
  { name: "100,000 × [", content: "[".repeat(100_000), asText: false },
  { name: "50,000 × *a", content: "*a".repeat(50_000), asText: true },
  { name: "100,000 × >", content: ">".repeat(100_000), asText: true },
  { name: "50,000 × _a", content: "_a".repeat(50_000), asText: true },
];

// A key written the way Settings makes one (only its sha256 is stored).
async function apiKeyFor(userId: number): Promise<string> {
  const prefix = `blog_${randomBytes(4).toString("hex")}`;
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  const hash = createHash("sha256").update(token).digest("hex");
  await sql(
    `INSERT INTO api_keys (user_id, name, prefix, hash) VALUES ($1, 'hostile e2e', $2, $3)`,
    [userId, prefix, hash],
  );
  return token;
}

const escapedStart = (content: string) =>
  content.slice(0, 100).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

test.describe("hostile article bodies", () => {
  test("are accepted, and their pages answer 200 with the body shown, again and again", async ({
    request,
    user,
  }) => {
    test.setTimeout(90_000);
    const headers = { "X-API-Key": await apiKeyFor(user.id) };
    for (const { name, content, asText } of issueBodies) {
      const created = await request.post("/api/posts", {
        headers,
        data: { title: `Hostile ${name}`, content },
      });
      expect(created.status(), name).toBe(201);
      const { id, slug } = await created.json();
      for (let visit = 1; visit <= 2; visit++) {
        const page = await request.get(`/posts/${slug}`);
        expect(page.status(), `${name}, visit ${visit}`).toBe(200);
        const html = await page.text();
        expect(html, name).toContain(escapedStart(content));
        if (asText) expect(html, name).toContain(`<div class="as-text">${escapedStart(content)}`);
      }
      const edited = await request.patch(`/api/posts/${id}`, { headers, data: { content } });
      expect(edited.status(), `${name}, edit`).toBe(200);
      expect((await request.get(`/posts/${slug}`)).status(), `${name}, after the edit`).toBe(200);
    }
  });

  test("a body over the limit is refused with a 400 naming the field", async ({
    request,
    user,
  }) => {
    const headers = { "X-API-Key": await apiKeyFor(user.id) };
    const refused = await request.post("/api/posts", {
      headers,
      data: { title: "Too long", content: "<".repeat(100_001) },
    });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error.fields).toEqual({
      content: "Keep the article under 100,000 characters.",
    });
  });

  test("a reader sees a body that cannot be rendered as its text, line breaks kept", async ({
    page,
    request,
    user,
  }) => {
    const headers = { "X-API-Key": await apiKeyFor(user.id) };
    const content = `First line <b>not bold</b>\n${">".repeat(99_000)}`;
    const created = await request.post("/api/posts", {
      headers,
      data: { title: "Shown as text", content },
    });
    expect(created.status(), await created.text()).toBe(201);
    await page.goto(`/posts/${(await created.json()).slug}`);
    const text = page.getByTestId("article-body").locator(".as-text");
    await expect(text).toContainText("First line <b>not bold</b>");
    await expect(page.getByTestId("article-body").locator("b")).toHaveCount(0);
    expect(await text.evaluate((element) => getComputedStyle(element).whiteSpace)).toBe("pre-wrap");
  });
});
