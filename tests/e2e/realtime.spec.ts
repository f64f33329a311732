import { randomBytes, randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { AppProcess, freePort } from "./app-process";
import { expect, redis, signIn, subscribers, type TestUser, test } from "./fixtures";
import { e2eServerEnv as testEnv } from "./server-env";

// Live notifications from the browser: two browser contexts are two people. Channels are
// shared by every process on the test Redis, so assertions look for our own titles.
const uniqueTitle = (label: string) => `${label} ${randomBytes(3).toString("hex")}`;

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function personIn(browser: Browser, user?: TestUser): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  if (user) await signIn(page, user);
  return page;
}

// The stream is subscribed before the browser sees it open (see lib/realtime/event-stream.ts).
async function listening(page: Page) {
  await expect(page.getByTestId("live-notifications")).toHaveAttribute("data-connection", "open", {
    timeout: 15_000,
  });
}

async function writePost(page: Page, title: string) {
  await page.goto("/posts/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Article").fill("Written while someone else was reading the feed.");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

// What another app process would publish: the wire format is part of the contract.
async function publishPost(title: string) {
  const post = {
    id: 0,
    slug: "elsewhere",
    title,
    author: { id: 0, username: "elsewhere", name: "Someone" },
  };
  await redis.publish(
    `${testEnv.REALTIME_CHANNEL_PREFIX}:posts`,
    JSON.stringify({ type: "post.created", post, id: randomUUID(), at: new Date().toISOString() }),
  );
}

test.describe("live notifications", () => {
  test("a post written in one browser shows up in another as a toast and a new-posts banner", async ({
    browser,
    makeUser,
  }) => {
    const writer = await makeUser();
    const reader = await personIn(browser); // anonymous: new posts are for everyone
    await reader.goto("/");
    await listening(reader);

    const author = await personIn(browser, writer);
    await author.goto("/");
    await listening(author);
    const title = uniqueTitle("Live from the other browser");
    await writePost(author, title);

    const toast = reader.getByRole("status").filter({ hasText: title });
    await expect(toast).toBeVisible();
    await expect(toast).toContainText(`by ${writer.name}`);
    await toast.getByRole("button", { name: "Dismiss notification" }).click();
    await expect(toast).toHaveCount(0);
    // Another test run on this Redis may publish too, so the count is at least ours.
    const banner = reader.getByTestId("new-posts");
    await expect(banner).toHaveText(/^\d+ new posts? — show$/);
    await expect(reader.getByTestId("feed")).not.toContainText(title);
    await banner.click();
    await expect(reader.getByTestId("post-card").filter({ hasText: title })).toBeVisible();
    await expect(banner).toHaveCount(0);

    // The author is not told about their own post: a later event on the same channel arrives,
    // and Redis keeps a channel's order, so the own-post toast would have come first.
    const later = uniqueTitle("Published later");
    await publishPost(later);
    await expect(author.getByRole("status").filter({ hasText: later })).toBeVisible();
    await expect(author.getByRole("status").filter({ hasText: title })).toHaveCount(0);
  });

  test("a comment on someone's post shows its author a toast that leads to it", async ({
    browser,
    makeUser,
  }) => {
    const [writer, commenter] = [await makeUser(), await makeUser()];
    const author = await personIn(browser, writer);
    const title = uniqueTitle("Comment on me");
    await writePost(author, title);
    const postUrl = author.url();
    await author.goto("/");
    await listening(author);

    const other = await personIn(browser, commenter);
    await other.goto(postUrl);
    await listening(other);
    await other.getByLabel("Add a comment").fill("Live from elsewhere.");
    await other.getByRole("button", { name: "Post comment" }).click();
    await expect(other.getByTestId("comment")).toContainText("Live from elsewhere.");

    const toast = author
      .getByRole("status")
      .filter({ hasText: `${commenter.name} commented on “${title}”` });
    await expect(toast).toBeVisible();
    await toast.getByRole("link").click();
    await expect(author).toHaveURL(/#comments-title$/);
    await expect(author.getByTestId("comment")).toContainText("Live from elsewhere.");
    // The commenter gets nothing about a comment on someone else's post. A notice sent to them
    // now arrives after any that the comment caused (one channel keeps its order), so once it is
    // shown a wrong notice would be shown too.
    await listening(other);
    await redis.publish(
      `${testEnv.REALTIME_CHANNEL_PREFIX}:user:${commenter.id}`,
      JSON.stringify({
        type: "user.followed",
        by: { id: 0, username: "marker", name: "Marker Person" },
        id: randomUUID(),
        at: new Date().toISOString(),
      }),
    );
    await expect(
      other.getByRole("status").filter({ hasText: "Marker Person followed you" }),
    ).toBeVisible();
    await expect(other.getByRole("status").filter({ hasText: "commented on" })).toHaveCount(0);
  });

  test("a browser on another app process hears a post made here, and reconnects after that process restarts", async ({
    browser,
    makeUser,
  }) => {
    test.setTimeout(120_000);
    const other = new AppProcess(await freePort());
    await other.start();
    try {
      const reader = await personIn(browser);
      await reader.goto(`${other.origin}/`);
      await listening(reader);

      const author = await personIn(browser, await makeUser());
      const title = uniqueTitle("Across processes");
      await writePost(author, title);
      const toast = reader.getByRole("status").filter({ hasText: title });
      await expect(toast).toBeVisible();
      await toast.getByRole("button", { name: "Dismiss notification" }).click();

      await other.stop();
      await expect(reader.getByTestId("live-notifications")).toHaveAttribute(
        "data-connection",
        "connecting",
      );
      await expect(reader.getByRole("status")).toHaveCount(0); // nothing alarming while it is away
      await other.start();
      await listening(reader);

      const later = uniqueTitle("After the restart");
      await publishPost(later);
      await expect(reader.getByRole("status").filter({ hasText: later })).toBeVisible();
    } finally {
      await other.stop();
    }
  });

  test("signing in without a reload moves the stream to the user's own channel", async ({
    browser,
    user,
  }) => {
    const page = await personIn(browser);
    await signIn(page, user); // a server action and a client-side navigation, no page load after it
    const channel = `${testEnv.REALTIME_CHANNEL_PREFIX}:user:${user.id}`;
    await expect.poll(() => subscribers(channel), { timeout: 10_000 }).toBe(1);
    const by = { id: 0, username: "admirer", name: "An Admirer" };
    await redis.publish(
      channel,
      JSON.stringify({ type: "user.followed", by, id: randomUUID(), at: new Date().toISOString() }),
    );
    await expect(
      page.getByRole("status").filter({ hasText: "An Admirer followed you" }),
    ).toBeVisible();
  });

  test("the stream is served uncompressed with SSE headers, and closing the page frees its subscription", async ({
    browser,
    user,
  }) => {
    const page = await personIn(browser, user);
    await page.goto("/");
    await listening(page);
    const channel = `${testEnv.REALTIME_CHANNEL_PREFIX}:user:${user.id}`;
    await expect.poll(() => subscribers(channel)).toBe(1);

    const answer = await page.evaluate(async () => {
      const controller = new AbortController();
      const response = await fetch("/api/events", { signal: controller.signal });
      const first = await response.body!.getReader().read();
      controller.abort();
      return {
        status: response.status,
        type: response.headers.get("content-type"),
        cacheControl: response.headers.get("cache-control"),
        encoding: response.headers.get("content-encoding"),
        first: new TextDecoder().decode(first.value),
      };
    });
    expect(answer).toEqual({
      status: 200,
      type: "text/event-stream; charset=utf-8",
      cacheControl: "no-cache, no-transform",
      encoding: null,
      first: expect.stringMatching(/^retry: \d+\n\n/),
    });

    await page.close();
    await expect.poll(() => subscribers(channel), { timeout: 10_000 }).toBe(0);
  });
});
