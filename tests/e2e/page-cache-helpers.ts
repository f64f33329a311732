// Shared by the page cache's end-to-end specs: anonymous readers, loading a page into the page
// cache, how a page was served, and a post's view count as the app keeps it.
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page, Response } from "@playwright/test";
import { expect, redis, SAME_ORIGIN, sql } from "./fixtures";

export const word = () => randomBytes(3).toString("hex");
export const xCache = (response: Response | null) => response?.headers()["x-cache"];
export const viewsText = (count: number) => `${count} ${count === 1 ? "view" : "views"}`;

/** An anonymous reader: a browser context of its own, without cookies. */
export function reader(
  browser: Browser,
  baseURL: string | undefined,
  viewport = { width: 1280, height: 720 },
): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport });
}

/**
 * Loads `path` until the page cache has it: the second load of a cacheable page is a HIT. A
 * failure names how each load was served (Server-Timing says why a page was not stored).
 */
export async function loadCached(page: Page, path: string) {
  const first = await page.goto(path);
  const response = await page.goto(path);
  const served = [first, response].map((r) => r?.headers()["server-timing"] ?? "no header");
  expect(xCache(response), `${path} from the page cache (loads: ${served.join(" | ")})`).toBe(
    "HIT",
  );
  return response!;
}

/** The post card on a list (home, profile) whose title link is `title`. */
export const cardOf = (page: Page, title: string) =>
  page
    .getByTestId("post-card")
    .filter({ has: page.getByRole("link", { name: title, exact: true }) });

// A full load replaces window; a client-side navigation keeps it.
export async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}
export async function expectSameDocument(page: Page) {
  expect(
    await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
  ).toBe(true);
}

/** A post's views: Postgres, and Postgres plus what is pending in Redis (write-behind). */
export async function views(postId: number) {
  const [{ view_count }] = await sql<{ view_count: number }>(
    `SELECT view_count FROM posts WHERE id = $1`,
    [postId],
  );
  const [pending, inFlight] = await Promise.all([
    redis.get(`views:pending:{${postId}}`),
    redis.hget(`views:flushing:{${postId}}`, "delta"),
  ]);
  return { stored: view_count, live: view_count + Number(pending ?? 0) + Number(inFlight ?? 0) };
}

/** Publishes through the API as a signed-in page's session. */
export async function publish(page: Page, title: string) {
  const response = await page.request.post("/api/posts", {
    headers: SAME_ORIGIN,
    data: { title, content: "An article to be linked from the home page." },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: number; slug: string };
}
