import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, signIn, sql, test, writePost } from "./fixtures";
import { e2eServerEnv as testEnv } from "./server-env";

// Security headers, the Content-Security-Policy as the browser applies it, the origin check on
// server actions and on forms posted without JavaScript, and the cap on event streams as the
// browser meets it.

// Every CSP violation a page reports, from the page itself (securitypolicyviolation events, which
// also fire for blocked inline scripts and styles) and from the console.
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(`console: ${message.text()}`);
  });
  await page.exposeFunction("reportViolation", (text: string) => void seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportViolation: (t: string) => void }).reportViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return seen;
}

test.describe("security headers", () => {
  test("pages, the API and the event stream carry the policy, nosniff, a referrer policy and HSTS", async ({
    request,
    baseURL,
  }) => {
    // "/" twice: rendered by Next, then answered from the page cache with the headers it stored.
    // Inline scripts run by hash (stored pages) or nonce (the rest): tests/e2e/csp.spec.ts.
    for (const path of ["/", "/", "/signin", "/api/feed?page=1", "/api/health"]) {
      const headers = (await request.get(path)).headers();
      const policy = headers["content-security-policy"];
      expect(policy, path).toContain("frame-ancestors 'none'");
      if (path.startsWith("/api/"))
        expect(policy, path).toBe("default-src 'none'; frame-ancestors 'none'");
      else expect(policy, path).toMatch(/script-src 'self' '(sha256|nonce)-[^;]*; style-src/);
      expect(policy.split("; ").find((d) => d.startsWith("script-src")) ?? "", path).not.toMatch(
        /unsafe-inline|unsafe-eval/,
      );
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["strict-transport-security"], path).toBe(
        "max-age=63072000; includeSubDomains",
      );
    }
    const controller = new AbortController();
    const stream = await fetch(new URL("/api/events", baseURL), { signal: controller.signal });
    expect(stream.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    controller.abort();
  });

  test("another site cannot frame the blog", async ({ page, baseURL }) => {
    const blocked: string[] = [];
    page.on(
      "console",
      (message) => void (/frame-ancestors/.test(message.text()) && blocked.push(message.text())),
    );
    await page.setContent(`<iframe src="${baseURL}/" width="400" height="300"></iframe>`);
    await expect.poll(() => blocked.length).toBeGreaterThan(0);
    expect(
      await page
        .frames()[1]
        .locator("body")
        .textContent()
        .catch(() => ""),
    ).not.toContain("Sign in");
  });

  test("no page breaks the policy: reading, signing in, writing, commenting, live events and the admin page", async ({
    page,
    user,
  }) => {
    const violations = await watchViolations(page);
    for (const path of [
      "/",
      "/signin",
      "/signup",
      "/search?q=redis",
      "/leaderboard",
      "/patterns",
    ]) {
      await page.goto(path);
      await expect(page.locator("main, body").first()).toBeVisible();
    }
    await signIn(page, user);
    await expect(page.getByTestId("live-notifications")).toHaveAttribute(
      "data-connection",
      "open",
      { timeout: 15_000 },
    );
    const title = `CSP ${randomBytes(3).toString("hex")}`;
    await writePost(
      page,
      title,
      "Some **bold** text, a [link](https://example.com) and an image: ![alt](https://example.com/x.png)",
    );
    await page.getByLabel("Add a comment").fill("A comment under the policy.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByTestId("comment")).toContainText("A comment under the policy.");
    await page.goto("/dashboard");
    await page.goto(`/u/${user.username}`);
    await sql(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [user.id]);
    await page.goto("/admin/cache");
    await expect(page.getByTestId("live-log")).toHaveAttribute("data-connection", "open");
    await page.goto("/admin/cache/keys?pattern=cache%3A*");
    // Next's own chunks carry Subresource Integrity hashes (experimental.sri).
    expect(
      await page.locator("script[src^='/_next/'][integrity^='sha256-']").count(),
    ).toBeGreaterThan(0);
    expect(violations).toEqual([]);

    // The watch itself works: a script from another origin is blocked and reported.
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.src = "https://evil.example/steal.js";
      document.head.append(script);
    });
    await expect
      .poll(() => violations.filter((v) => v.includes("evil.example")).length)
      .toBeGreaterThan(0);
  });
});

test.describe("server actions from elsewhere", () => {
  test("a server action without Origin or Sec-Fetch-Site, or from another site, is refused before it runs", async ({
    request,
    user,
  }) => {
    const form = { email: user.email, password: user.password };
    for (const headers of [
      {},
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
    ] as Record<string, string>[]) {
      const response = await request.post("/signin", {
        headers: { "next-action": "0".repeat(42), ...headers },
        form,
      });
      expect(response.status(), JSON.stringify(headers)).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden");
    }
  });
});

test.describe("forms posted without JavaScript", () => {
  test("are refused unless they come from this site's pages, whatever the client says its host is; from the page they work", async ({
    browser,
    baseURL,
    user,
  }) => {
    const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    // The members' shared home cannot fill in their parts without JavaScript: it links to their
    // account, whose pages are rendered for them.
    await expect(page.getByTestId("nav-pending")).toBeHidden();
    await page.getByRole("link", { name: "Your account" }).click();
    await expect(page.getByTestId("nav-profile")).toHaveText(user.name);
    await page.goto("/settings");
    const form = page.getByTestId("api-key-form");
    // The action's reference travels in hidden fields: what a page of another site would copy.
    const fields: Record<string, string> = { keyName: "forged key" };
    for (const input of await form.locator('input[type="hidden"]').all())
      fields[(await input.getAttribute("name")) ?? ""] = (await input.getAttribute("value")) ?? "";
    expect(Object.keys(fields).some((name) => name.startsWith("$ACTION"))).toBe(true);
    const keys = async () =>
      (await sql<{ name: string }>(`SELECT name FROM api_keys WHERE user_id = $1`, [user.id])).map(
        (key) => key.name,
      );

    for (const headers of [
      {},
      { origin: "http://evil.example", "x-forwarded-host": "evil.example" },
      { "sec-fetch-site": "cross-site" },
    ] as Record<string, string>[]) {
      const response = await context.request.post("/settings", { headers, multipart: fields });
      expect(response.status(), JSON.stringify(headers)).toBe(403);
      expect((await response.json()).error.message).toContain(
        "Cross-site requests are not allowed",
      );
    }
    expect(await keys()).toEqual([]);

    await form.getByLabel("Key name").fill("from the page");
    await form.getByRole("button", { name: "Create API key" }).click();
    await expect(page.getByText("from the page").first()).toBeVisible();
    expect(await keys()).toEqual(["from the page"]);
    await context.close();
  });
});

test.describe("event stream caps", () => {
  test("a refused browser asks how long to wait, waits at least that long, then connects", async ({
    page,
    baseURL,
  }) => {
    // Fill this address's share of streams from here (anonymous, 127.0.0.1 like the browser).
    const held: AbortController[] = [];
    // The responses are kept too: fetch cancels the body of a Response that is garbage
    // collected unread, which would close a held stream and free its slot mid-test.
    const streams: Response[] = [];
    const url = new URL("/api/events", baseURL);
    while ((await fetch(url, { method: "HEAD" })).status === 204) {
      const controller = new AbortController();
      const response = await fetch(url, { signal: controller.signal });
      expect(response.status).toBe(200);
      held.push(controller);
      streams.push(response);
    }
    expect(held.length).toBeLessThanOrEqual(Number(testEnv.SSE_MAX_PER_IDENTITY));
    const refused = await fetch(url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe(testEnv.SSE_RETRY_AFTER_SECONDS);
    expect(await refused.text()).toMatch(/^retry: 2000\n/);

    // When each request started, by the browser's clock.
    const asked: { method: string; at: number; status: number }[] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname !== "/api/events") return;
      asked.push({
        method: response.request().method(),
        at: response.request().timing().startTime,
        status: response.status(),
      });
    });
    await page.goto("/");
    await expect.poll(() => asked.some((a) => a.method === "HEAD" && a.status === 429)).toBe(true);
    await expect(page.getByTestId("live-notifications")).toHaveAttribute(
      "data-connection",
      "connecting",
    );
    for (const controller of held) controller.abort();
    streams.length = 0;

    await expect(page.getByTestId("live-notifications")).toHaveAttribute(
      "data-connection",
      "open",
      { timeout: 15_000 },
    );
    const head = asked.find((a) => a.method === "HEAD")!;
    const retried = asked.find((a) => a.method === "GET" && a.at > head.at)!;
    // A lower bound only: the browser never comes back sooner than it was asked to (the wait
    // starts when the HEAD's answer arrives, after the HEAD started).
    expect(retried.at - head.at).toBeGreaterThanOrEqual(
      Number(testEnv.SSE_RETRY_AFTER_SECONDS) * 1000,
    );
  });
});
