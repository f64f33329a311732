// Playwright's own setup, so that `npm run test:e2e` works alone on a new machine: the migrated
// test database, the articles the specs read (the feed's first page, an article to open, the
// demo author whose profile /patterns links to), empty test Redis DBs, and then the app, started
// last because it warms its caches from the database at start-up. Returns the teardown that
// stops the app.
import { mkdirSync } from "node:fs";
import pg from "pg";
import { hashPassword } from "../../lib/domains/auth/password";
import { AppServer } from "../../scripts/app-server";
import { startScaleSite } from "../../scripts/scale-site";
import { testSettings } from "../settings";
import { flushTestRedis, prepareTestDatabase } from "../setup/test-state";
import { e2eServerEnv } from "./server-env";

// The seed's demo account (prisma/seed.ts, README), so the two agree when both have run.
const AUTHOR = {
  email: "demo@example.com",
  username: "demo",
  name: "Demo Reader",
  password: "demo-password",
};
export const CONTENT_POSTS = 6;

async function createContent(): Promise<void> {
  const client = new pg.Client({ connectionString: testSettings.TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query(
      `INSERT INTO users (email, username, name, password_hash, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
      [AUTHOR.email, AUTHOR.username, AUTHOR.name, await hashPassword(AUTHOR.password)],
    );
    const authorId = rows[0].id as number;
    for (let i = 1; i <= CONTENT_POSTS; i++) {
      const content = `Article ${i} of the end-to-end content, about **Redis** and caching.`;
      await client.query(
        `INSERT INTO posts (slug, title, content, excerpt, published, published_at, author_id, updated_at)
         VALUES ($1, $2, $3, $4, true, now() - make_interval(mins => $5), $6, now()) ON CONFLICT (slug) DO NOTHING`,
        [
          `e2e-content-${i}`,
          `End-to-end article ${i}`,
          content,
          content.replaceAll("**", ""),
          CONTENT_POSTS - i + 1,
          authorId,
        ],
      );
    }
  } finally {
    await client.end();
  }
}

export default async function globalSetup() {
  mkdirSync("reports", { recursive: true });
  await prepareTestDatabase(testSettings.TEST_DATABASE_URL);
  await createContent();
  // What an earlier run cached no longer matches the database; the app starts from empty caches.
  await flushTestRedis();
  const port = Number(testSettings.E2E_PORT);
  const env = { ...process.env, ...e2eServerEnv };
  // `npm run test:cluster`: the same specs against two app processes behind nginx, on a Cluster.
  // Each process's own address goes to the specs in E2E_APP_ORIGINS (comma-separated): Playwright
  // starts its workers after this setup, with this process's environment, so they read it there
  // (fixtures.ts: siteProcesses()). Specs that name a process use it; readers go through nginx.
  if (testSettings.TEST_REDIS_CLUSTER_NODES) {
    const site = await startScaleSite({ port, env, dir: `reports/e2e-scale-${port}` });
    process.env.E2E_APP_ORIGINS = site.apps.map((app) => app.origin).join(",");
    return () => site.stop();
  }
  const app = new AppServer({ port, env, logFile: `reports/e2e-app-${port}.log` });
  await app.start();
  process.env.E2E_APP_ORIGINS = app.origin;
  return () => app.stop("SIGTERM");
}
