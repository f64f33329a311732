import { randomBytes } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import Redis, { Cluster } from "ioredis";
import pg from "pg";
import { hashPassword } from "../../lib/domains/auth/password";
import { parseClusterNodes, type RedisClient } from "../../lib/redis/client";
import { testSettings } from "../settings";
import { e2eServerEnv as testEnv } from "./server-env";

// Each test makes its own users through the database and removes them (and, by cascade, their
// posts and comments) afterwards, so tests never depend on each other or on seed data.
export type TestUser = {
  id: number;
  email: string;
  username: string;
  name: string;
  password: string;
};

// Users made here are checked by the e2e server at its (cheaper) test cost; hash them alike.
process.env.PASSWORD_SCRYPT_LOG2_N ??= testEnv.PASSWORD_SCRYPT_LOG2_N;

// What a browser adds to a fetch from one of the site's own pages. Cookie-authenticated writes
// without it (or an Origin) are refused, so API calls made with page.request send it.
export const SAME_ORIGIN = { "sec-fetch-site": "same-origin" } as const;

const pool = new pg.Pool({ connectionString: testEnv.DATABASE_URL, max: 2 });
/** Under `npm run test:cluster`: the app's Redis is a Cluster (DB 0 only)… */
export const onCluster = Boolean(testEnv.REDIS_CLUSTER_NODES);
/** …and the site is two app processes behind nginx (tests/e2e/global-setup.ts). */
export const behindNginx = Boolean(testEnv.REDIS_CLUSTER_NODES);

/**
 * The app processes the global setup started, each by its own address (E2E_APP_ORIGINS, set by
 * tests/e2e/global-setup.ts): under `npm run test:cluster` the two behind nginx, with nginx's
 * address (what readers use); else the one app, and nginx null. A spec about several processes
 * starts what it lacks itself (tests/e2e/app-process.ts).
 */
export function siteProcesses(): { apps: string[]; nginx: string | null } {
  const apps = (process.env.E2E_APP_ORIGINS ?? "").split(",").filter(Boolean);
  if (apps.length === 0 || (behindNginx && apps.length < 2))
    throw new Error(
      `E2E_APP_ORIGINS names ${apps.length} app process(es): tests/e2e/global-setup.ts sets it`,
    );
  return { apps, nginx: behindNginx ? `http://127.0.0.1:${testSettings.E2E_PORT}` : null };
}

// The test Redis the app processes use: under `npm run test:cluster`, its Cluster.
export const redis: RedisClient = testEnv.REDIS_CLUSTER_NODES
  ? new Cluster(parseClusterNodes(testEnv.REDIS_CLUSTER_NODES), { lazyConnect: true })
  : new Redis(testEnv.REDIS_URL, { lazyConnect: true });

/** How many connections are subscribed to `channel`: on a Cluster, on any of its nodes. */
export async function subscribers(channel: string): Promise<number> {
  const nodes = redis instanceof Cluster ? redis.nodes("all") : [redis];
  const counts = await Promise.all(
    nodes.map(async (node) =>
      Number(((await node.pubsub("NUMSUB", channel)) as [string, number])[1]),
    ),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

export async function sql<T extends pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  return (await pool.query<T>(text, values)).rows;
}

async function createUser(): Promise<TestUser> {
  const username = `e2e_${randomBytes(4).toString("hex")}`;
  const user = {
    email: `${username}@e2e.example`,
    username,
    name: `E2E ${username.slice(4)}`,
    password: "e2e-password-1",
  };
  const [{ id }] = await sql<{ id: number }>(
    `INSERT INTO users (email, username, name, password_hash, updated_at) VALUES ($1, $2, $3, $4, now()) RETURNING id`,
    [user.email, user.username, user.name, await hashPassword(user.password)],
  );
  return { id, ...user };
}

export async function signIn(
  page: Page,
  user: TestUser,
  options: { remember?: boolean; origin?: string } = {},
) {
  await page.goto(`${options.origin ?? ""}/signin`);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  if (options.remember) await page.getByLabel("Remember me on this device").check();
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/signin");
  await expect(page.getByTestId("nav-profile")).toHaveText(user.name);
}

/** Publishes an article through the editor and waits for its page. */
export async function writePost(
  page: Page,
  title: string,
  content = "A first paragraph about **Redis** and caching.",
) {
  await page.goto("/posts/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Article").fill(content);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

type Fixtures = {
  /** A user of this test's own, deleted after it. */
  user: TestUser;
  /** Makes more users of this test's own, deleted after it. */
  makeUser: () => Promise<TestUser>;
  /** `page`, with `user` signed in on it through the sign-in form. */
  signedInPage: Page;
};

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture's dependencies from this pattern
  makeUser: async ({}, use) => {
    const made: number[] = [];
    await use(async () => {
      const user = await createUser();
      made.push(user.id);
      return user;
    });
    if (made.length) await sql(`DELETE FROM users WHERE id = ANY($1)`, [made]);
  },
  user: async ({ makeUser }, use) => use(await makeUser()),
  signedInPage: async ({ page, user }, use) => {
    await signIn(page, user);
    await use(page);
  },
});

export { expect };
