import { randomBytes } from "node:crypto";
import path from "node:path";
import Redis from "ioredis";
import pg from "pg";
import { PrivatePostgres } from "../../bench/lib/private-postgres";
import { ensureDatabase, migrate } from "../../lib/platform/migrator";
import { AppProcess, freePort, PrivateRedis } from "./app-process";
import { expect, test } from "./fixtures";

// Postgres restarted while the blog is under load, for real: a cluster of the test's own (the
// machine's Postgres is shared) stopped and started again in each way a deployment restarts it,
// while readers keep asking for pages that reach it. Every page either works or answers 503 with
// Retry-After (a person is told to try again; a 500 says the blog is broken), and once Postgres is
// back every page works again.

test.describe.configure({ mode: "serial", timeout: 120_000 });

type Answer = { path: string; status: number; retryAfter: string | null };

// Each round asks for pages that reach Postgres even with every cache warm: unknown slugs and
// users (never cached), and searches with new words. Several readers ask for the same unknown
// page at once, as they do for a popular page: one load, the others waiting for it.
function pathsOfRound(round: number, articles: Article[]): string[] {
  const word = randomBytes(3).toString("hex");
  return [
    `/posts/${articles[round % articles.length].slug}`,
    `/posts/gone-${round % 3}`,
    `/posts/gone-${round % 3}`,
    `/u/nobody_${round % 2}`,
    `/search?q=${word}`,
    `/api/posts?page=${(round % 4) + 1}`,
    `/?page=${(round % 5) + 1}`,
  ];
}

class Readers {
  readonly answers: Answer[] = [];
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(
    private readonly origin: string,
    articles: Article[],
    readers = 4,
  ) {
    this.loops = Array.from({ length: readers }, async (_, reader) => {
      for (let round = reader; this.running; round += readers) {
        await Promise.all(pathsOfRound(round, articles).map((path) => this.ask(path)));
      }
    });
  }

  private async ask(path: string): Promise<void> {
    const response = await fetch(`${this.origin}${path}`, { redirect: "manual" });
    await response.arrayBuffer();
    this.answers.push({
      path,
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
    });
  }

  async stop(): Promise<Answer[]> {
    this.running = false;
    await Promise.all(this.loops);
    return this.answers;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Article = { slug: string };
const STATEMENT_TIMEOUT_MS = 1_000;
const postgres = new PrivatePostgres();
const redis = new PrivateRedis();
let app: AppProcess;
let articles: Article[];

async function sql(text: string): Promise<Article[]> {
  const client = new pg.Client({ connectionString: postgres.url("blog_restart") });
  client.on("error", () => {}); // a backend ended by the test
  await client.connect();
  try {
    return (await client.query<Article>(text)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

test.beforeAll(async () => {
  await postgres.init();
  await redis.start();
  const databaseUrl = postgres.url("blog_restart");
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl, path.join(process.cwd(), "prisma/migrations"));
  await sql(`INSERT INTO users (email, username, name, password_hash, updated_at)
             VALUES ('author@restart.example', 'author', 'Author', 'no sign-in', now())`);
  articles =
    await sql(`INSERT INTO posts (slug, title, content, excerpt, published, published_at, author_id, updated_at)
    SELECT 'restart-' || n, 'Read through a restart ' || n, 'An article read while Postgres restarts.',
           'Read while Postgres restarts.', true, now(), (SELECT id FROM users), now()
    FROM generate_series(1, 4) AS n RETURNING slug`);
  app = new AppProcess(await freePort(), {
    DATABASE_URL: databaseUrl,
    REDIS_URL: `${redis.url}/0`,
    RATE_LIMIT_SEARCH_PER_MINUTE: "100000000",
    DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
  });
  await app.start();
});

test.afterAll(async () => {
  await app?.stop("SIGTERM");
  await redis.stop();
  await postgres.remove();
});

const flushRedis = async () => {
  const client = new Redis(redis.url);
  await client.flushall();
  client.disconnect();
};

function expectOnlyWorkingOr503(answers: Answer[]) {
  const broken = answers.filter((a) => ![200, 404, 503].includes(a.status));
  expect(broken, "answers other than 200, 404 and 503").toEqual([]);
  const bare = answers.filter((a) => a.status === 503 && !a.retryAfter);
  expect(bare, "503 answers without Retry-After").toEqual([]);
}

async function expectRecovered() {
  await expect
    .poll(
      async () => {
        const round = new Readers(app.origin, articles, 1);
        await sleep(300);
        const answers = await round.stop();
        return answers.filter((a) => a.status !== 200 && a.status !== 404).length;
      },
      { timeout: 20_000 },
    )
    .toBe(0);
}

const restarts = [
  { mode: "immediate", downMs: 3_000, as: "a crash" },
  { mode: "fast", downMs: 3_000, as: "a shutdown" },
  // Back before a probe of the first failures could find it away.
  { mode: "immediate", downMs: 0, as: "a crash, started again at once" },
] as const;

for (const { mode, downMs, as } of restarts) {
  test(`Postgres stopped -m ${mode} (${as}) under load: pages work or answer 503 with Retry-After, then work`, async () => {
    // Cold caches, so known pages reach Postgres too.
    await flushRedis();
    const readers = new Readers(app.origin, articles);
    await sleep(1_000);
    await postgres.stop(mode);
    await sleep(downMs);
    await postgres.start();
    await sleep(2_000);
    const answers = await readers.stop();
    expectOnlyWorkingOr503(answers);
    if (downMs > 0) expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    await expectRecovered();
  });
}

test("queries waiting on a lock past statement_timeout: pages answer 503, not 500", async () => {
  await flushRedis();
  const locker = new pg.Client({ connectionString: postgres.url("blog_restart") });
  await locker.connect();
  try {
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE");
    const readers = new Readers(app.origin, articles);
    await sleep(STATEMENT_TIMEOUT_MS * 2.5);
    await locker.query("COMMIT");
    const answers = await readers.stop();
    expectOnlyWorkingOr503(answers);
    expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
  } finally {
    await locker.end();
  }
  await expectRecovered();
});

test("Postgres restarted while the blog was idle: the pooled connections that died are not a 500", async () => {
  // Every pool connection is opened, then Postgres goes away and comes back with no request
  // running: each of them is dead when the next reader takes it.
  const warm = new Readers(app.origin, articles, 6);
  await sleep(1_000);
  await warm.stop();
  await postgres.stop("immediate");
  await postgres.start();
  await flushRedis();
  const readers = new Readers(app.origin, articles);
  await sleep(3_000);
  expectOnlyWorkingOr503(await readers.stop());
  await expectRecovered();
});

test("a connection Postgres ends while the server stays up is not a 500", async () => {
  await flushRedis();
  const readers = new Readers(app.origin, articles);
  for (let n = 0; n < 5; n++) {
    await sleep(400);
    await sql(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'blog_restart' AND pid <> pg_backend_pid()",
    );
  }
  expectOnlyWorkingOr503(await readers.stop());
  await expectRecovered();
});
