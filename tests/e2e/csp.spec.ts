// The Content-Security-Policy without 'unsafe-inline' scripts (docs/decisions/027), in Chromium:
// pages rendered per request carry a fresh nonce that Next put on its inline scripts, pages from
// the page cache carry the hashes of their own inline scripts; on every kind of page no violation
// is reported and React hydrates; an inline script injected later is refused, on both kinds.
import type { Page, Response } from "@playwright/test";
import { expect, signIn, sql, type TestUser, test, writePost } from "./fixtures";
import { expectSameDocument, markDocument, reader, word, xCache } from "./page-cache-helpers";

type Policy = "nonce" | "hashes";
type CspWindow = { __cspViolations: string[]; __injected?: boolean };

// Every violation a document reports, kept on its window by an init script (it runs before any
// script of the page), and every CSP message on the console.
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const recorded: string[] = [];
    (window as unknown as CspWindow).__cspViolations = recorded;
    document.addEventListener("securitypolicyviolation", (event) => {
      recorded.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  return seen;
}

const violationsOn = (page: Page) =>
  page.evaluate(() => (window as unknown as CspWindow).__cspViolations);

// Hydrated: React has attached its fibers to the server-rendered elements.
const hydrated = (page: Page) =>
  page.evaluate(() => {
    const main = document.querySelector("main");
    return main !== null && Object.keys(main).some((key) => key.startsWith("__reactFiber"));
  });

// The policy a response carries: never 'unsafe-inline' for scripts; a nonce that every inline
// script of the document carries, or a hash for every inline script of the document.
async function expectPolicy(page: Page, response: Response | null, kind: Policy, path: string) {
  const policy = response?.headers()["content-security-policy"] ?? "";
  const scriptSrc = policy.split(/;\s*/).find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc, path).toMatch(/^script-src 'self'( |$)/);
  expect(scriptSrc, path).not.toContain("'unsafe-inline'");
  const inline = await page.evaluate(async () => {
    const scripts = [...document.querySelectorAll("script:not([src])")] as HTMLScriptElement[];
    return Promise.all(
      scripts.map(async (script) => {
        const digest = await crypto.subtle.digest(
          "SHA-256",
          new TextEncoder().encode(script.textContent ?? ""),
        );
        const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
        return { nonce: script.nonce, hash: `'sha256-${hash}'` };
      }),
    );
  });
  expect(inline.length, `${path} has inline scripts`).toBeGreaterThan(0);
  if (kind === "nonce") {
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
    expect(nonce, `${path}: ${scriptSrc}`).toBeTruthy();
    expect(scriptSrc, path).not.toContain("'sha256-");
    expect(new Set(inline.map((script) => script.nonce)), path).toEqual(new Set([nonce]));
  } else {
    // Rendered without a nonce: one in a page every reader gets would be no secret.
    expect(scriptSrc, path).not.toContain("'nonce-");
    expect(
      inline.filter((script) => script.nonce !== ""),
      path,
    ).toEqual([]);
    for (const { hash } of inline) expect(scriptSrc, `${path}: ${hash}`).toContain(hash);
  }
}

/** Loads `path`, checks its policy, that nothing broke it and that the page hydrated. */
async function visit(page: Page, path: string, kind: Policy, outcome?: string) {
  const response = await page.goto(path);
  if (outcome) expect(xCache(response), path).toBe(outcome);
  await expect.poll(() => hydrated(page), { message: `${path} hydrates` }).toBe(true);
  await expectPolicy(page, response, kind, path);
  expect(await violationsOn(page), path).toEqual([]);
  return response;
}

// Adds an inline script that would set a flag; true if it ran. `nonce` copies the page's own.
async function injectScript(page: Page, options: { copyNonce?: boolean } = {}) {
  return page.evaluate(async ({ copyNonce }) => {
    const script = document.createElement("script");
    if (copyNonce) script.nonce = document.querySelector<HTMLScriptElement>("script")!.nonce;
    script.textContent = "window.__injected = true";
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as unknown as CspWindow).__injected === true;
  }, options);
}

async function expectInjectedScriptRefused(page: Page) {
  expect(await injectScript(page)).toBe(false);
  await expect
    .poll(() => violationsOn(page))
    .toContainEqual(expect.stringMatching(/^script-src(-elem)? blocked inline$/));
}

async function publish(page: Page, user: TestUser) {
  await signIn(page, user);
  const title = `CSP ${word()}`;
  await writePost(page, title, "Text, `code` and an image: ![alt](https://example.com/x.png)");
  return new URL(page.url()).pathname;
}

test.describe("Content-Security-Policy without 'unsafe-inline' scripts", () => {
  test("pages from the page cache: hashes of their own inline scripts, on the miss and on hits", async ({
    page,
    user,
    browser,
    baseURL,
  }) => {
    // A new post purges the home page, and its article and profile are new pages: all MISS first.
    const article = await publish(page, user);
    const context = await reader(browser, baseURL);
    const anonymous = await context.newPage();
    const messages = await watchViolations(anonymous);
    for (const path of ["/", article, `/u/${user.username}`]) {
      await visit(anonymous, path, "hashes", "MISS");
      await visit(anonymous, path, "hashes", "HIT");
    }
    for (const path of ["/leaderboard", "/patterns", "/static-content"]) {
      await visit(anonymous, path, "hashes");
    }
    // A page the cache renders but does not store (a 404) is sent with its hashes too.
    const missing = await visit(anonymous, `/posts/no-such-post-${word()}`, "hashes", "MISS");
    expect(missing?.status()).toBe(404);
    expect(messages).toEqual([]);

    // Hydrated for real: a link is followed by the client-side router, in the same document.
    await visit(anonymous, "/", "hashes", "HIT");
    await markDocument(anonymous);
    await anonymous.getByRole("navigation").getByRole("link", { name: "Leaderboard" }).click();
    await expect(anonymous).toHaveURL(/\/leaderboard$/);
    await expectSameDocument(anonymous);
    await expect(anonymous.getByTestId("trace")).toBeVisible();
    expect(await violationsOn(anonymous)).toEqual([]);
    await context.close();
  });

  test("pages rendered per request: a fresh nonce on every inline script; pages members share: hashes", async ({
    page,
    user,
    browser,
    baseURL,
  }) => {
    const context = await reader(browser, baseURL);
    const anonymous = await context.newPage();
    const messages = await watchViolations(anonymous);
    for (const path of ["/signin", "/signup", "/search", `/search?q=redis-${word()}`]) {
      await visit(anonymous, path, "nonce");
    }
    const nonces = new Set<string | undefined>();
    for (let i = 0; i < 2; i++) {
      const policy = (await anonymous.goto("/signin"))?.headers()["content-security-policy"];
      nonces.add(/'nonce-([^']+)'/.exec(policy ?? "")?.[1]);
    }
    expect(nonces.size).toBe(2);
    await context.close();

    const seen = await watchViolations(page);
    const article = await publish(page, user);
    await sql(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [user.id]);
    for (const path of [
      `${article}/edit`,
      `/u/${user.username}`,
      "/dashboard",
      "/posts/new",
      "/settings",
      "/leaderboard",
      "/admin/cache",
      "/admin/cache/keys?pattern=cache%3A*",
    ]) {
      await visit(page, path, "nonce");
    }
    // The pages members share come from the page cache, with the hashes of their own scripts.
    await visit(page, "/", "hashes");
    // Hydrated for real: the comment form posts through React's server action, in the same
    // document (without scripts it would be a full page load).
    await visit(page, article, "hashes");
    await markDocument(page);
    await page.getByLabel("Add a comment").fill("A comment under a nonce.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByTestId("comment")).toContainText("A comment under a nonce.");
    await expectSameDocument(page);
    expect(await violationsOn(page)).toEqual([]);
    expect(messages).toEqual([]);
    expect(seen).toEqual([]);
  });

  test("an inline script injected after load is refused, on a stored page and on a page with a nonce", async ({
    page,
    browser,
    baseURL,
  }) => {
    const context = await reader(browser, baseURL);
    const anonymous = await context.newPage();
    await watchViolations(anonymous);
    await anonymous.goto("/patterns");
    await visit(anonymous, "/patterns", "hashes", "HIT");
    await expectInjectedScriptRefused(anonymous);
    await context.close();

    await watchViolations(page);
    await page.goto("/signin");
    await expectInjectedScriptRefused(page);
    await visit(page, "/signup", "nonce");
    await expectInjectedScriptRefused(page);
    // The check would see a script that runs: one given the page's nonce does.
    expect(await injectScript(page, { copyNonce: true })).toBe(true);
  });
});
