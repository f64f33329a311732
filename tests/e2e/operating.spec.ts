import { readFileSync } from "node:fs";
import { sealData } from "iron-session";
import { AppProcess, freePort } from "./app-process";
import { expect, test } from "./fixtures";
import { e2eServerEnv } from "./server-env";

// What an operator reads, against an app process of its own (its log holds only this file's
// lines, and its one-a-minute warnings are all unsaid): request ids and metrics.
const METRICS_TOKEN = "an-operators-metrics-token-0123456789";

/** The JSON lines an app process has logged so far. */
const linesOf = (app: AppProcess) =>
  readFileSync(app.logFile, "utf8")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

// Every answer names its request (`x-request-id`), and every log line written while a request is
// served carries that id, so that a reader's report leads to the lines.
test("every answer has an id of its own, which the log lines of its request carry", async ({
  request,
}) => {
  const app = new AppProcess(await freePort());
  await app.start();
  try {
    const ids: string[] = [];
    for (const path of ["/", "/", "/api/health", "/posts/e2e-content-1"]) {
      const response = await request.get(`${app.origin}${path}`, {
        headers: { "x-request-id": "chosen-by-the-client" },
      });
      expect(response.status(), path).toBe(200);
      ids.push(response.headers()["x-request-id"]);
    }
    // A client's own id is not believed without a trusted proxy (TRUST_PROXY=0).
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);

    // A request that logs a line: a path Next cannot take, answered by our server.
    const refused = await request.get(`${app.origin}/posts/%`);
    expect(refused.status()).toBe(400);
    const id = refused.headers()["x-request-id"];
    const lines = () => linesOf(app);
    await expect
      .poll(() => lines().find((line) => line.requestId === id))
      .toMatchObject({
        level: "warn",
        message: "[server] a request answered 400",
        target: "/posts/%",
      });
    // Lines written outside any request (start-up) carry none.
    expect(
      lines().find((line) => String(line.message).startsWith("Serving on")),
    ).not.toHaveProperty("requestId");
  } finally {
    await app.stop();
  }
});

test("Next's own log lines for a request carry its id too (a session read with Redis away)", async ({
  request,
}) => {
  // No Redis at this address: reading the session logs a warning from inside Next's render.
  const app = new AppProcess(await freePort(), { REDIS_URL: "redis://127.0.0.1:1/0" });
  await app.start();
  try {
    const sealed = await sealData(
      { sid: "a-session-id-that-cannot-be-read" },
      { password: e2eServerEnv.SESSION_SECRET, ttl: 3600 },
    );
    const response = await request.get(`${app.origin}/leaderboard`, {
      headers: { cookie: `blog_session=${sealed}` },
    });
    expect(response.status()).toBe(200);
    const id = response.headers()["x-request-id"];
    await expect
      .poll(() => linesOf(app).find((line) => line.requestId === id))
      .toMatchObject({ message: "session store unavailable; treating request as signed out" });
  } finally {
    await app.stop();
  }
});

test("a scrape of /api/metrics with the token gets the cache figures of the built app", async ({
  request,
}) => {
  const app = new AppProcess(await freePort(), { METRICS_TOKEN });
  await app.start();
  try {
    expect((await request.get(`${app.origin}/api/metrics`)).status()).toBe(401);
    await request.get(`${app.origin}/posts/e2e-content-1`);
    const scrape = await request.get(`${app.origin}/api/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scrape.status()).toBe(200);
    const text = await scrape.text();
    expect(text).toMatch(/^blog_cache_lookups_total\{namespace="cache:page",result="miss"\} \d+$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
    // Timed by the page cache in server.ts (a HIT or a MISS: the Redis DB is the suite's), written
    // out by Next's route: one registry per process.
    expect(text).toMatch(
      /^blog_page_cache_answer_duration_seconds_count\{outcome="(HIT|MISS)"\} [1-9]\d*$/m,
    );
  } finally {
    await app.stop();
  }
});
