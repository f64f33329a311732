// GET /api/metrics: off without METRICS_TOKEN, 401 without the token, and with it the shared cache
// figures in Prometheus' text format, moving as caches hit and miss (the page cache's too), and
// this process's rate-limit decisions.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PageStore } from "@/lib/page-cache/store";
import { redis } from "@/lib/platform/redis";

const TOKEN = randomBytes(16).toString("hex");
let GET: (request: Request) => Promise<Response>;
let caches: typeof import("@/lib/blog-cache/caches").caches;

beforeAll(async () => {
  process.env.METRICS_TOKEN = TOKEN; // read by env() on first use, in this file's modules
  ({ GET } = await import("@/app/api/metrics/route"));
  ({ caches } = await import("@/lib/blog-cache/caches"));
});
afterAll(() => {
  delete process.env.METRICS_TOKEN;
});

const scrape = (authorization?: string) =>
  GET(
    new Request("http://blog.test/api/metrics", {
      headers: authorization ? { authorization } : {},
    }),
  );

// The value of one sample line, e.g. blog_cache_lookups_total{namespace="cache:feed",result="hit"}.
async function sample(name: string, labels: string): Promise<number> {
  const text = await (await scrape(`Bearer ${TOKEN}`)).text();
  const prefix = labels === "" ? `${name} ` : `${name}{${labels}} `;
  const line = text.split("\n").find((l) => l.startsWith(prefix));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("GET /api/metrics", () => {
  it("counts the app's rate-limit decisions by limiter, outcome and store", async () => {
    const { actionLimiter } = await import("@/lib/rate-limit/limiters");
    const labels = 'limiter="follow",outcome="allowed",store="redis"';
    const before = await sample("blog_rate_limit_decisions_total", labels);
    const identity = `user:metrics-${randomBytes(4).toString("hex")}`;
    await actionLimiter("follow").hit(identity);
    await actionLimiter("follow").hit(identity);
    expect(await sample("blog_rate_limit_decisions_total", labels)).toBe(before + 2);
    await redis().del(`rl:follow:${identity}`);
  });

  it("refuses a scrape without the token, or with another, and says how to send it", async () => {
    for (const authorization of [undefined, "Bearer not-the-token", `Basic ${TOKEN}`, TOKEN]) {
      const response = await scrape(authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await response.text()).toContain("Authorization: Bearer");
    }
  });

  it("answers the token with Prometheus' text: every cache namespace, and the process's figures", async () => {
    const response = await scrape(`Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const namespace of ["cache:feed", "cache:post", "cache:page", "next-cache"])
      expect(text).toContain(`blog_cache_lookups_total{namespace="${namespace}",result="hit"}`);
    expect(text).toContain("# TYPE blog_cache_lookups_total counter");
    expect(text).toMatch(/^blog_sse_streams_open \d+$/m);
    expect(text).toMatch(/^blog_views_pending_posts \d+$/m);
    expect(text).toMatch(/^process_cpu_seconds_total /m);
    // Bounded labels: no key, path or user id among them.
    expect(text).not.toMatch(/key=|path=|user=/);
  });

  it("times every app Redis command by its name", async () => {
    const labels = 'command="ping"';
    const before = await sample("blog_redis_command_duration_seconds_count", labels);
    await redis().ping();
    await redis().ping();
    expect(await sample("blog_redis_command_duration_seconds_count", labels)).toBe(before + 2);
    expect(await sample("blog_redis_command_duration_seconds_bucket", `le="+Inf",${labels}`)).toBe(
      before + 2,
    );
    // Bounded: a command's name, never its key.
    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    const commands = new Set(
      [...text.matchAll(/^blog_redis_command_duration_seconds_count\{command="([^"]+)"\}/gm)].map(
        (match) => match[1],
      ),
    );
    for (const command of commands) expect(command).toMatch(/^[a-z]+$/);
  });

  it("says each named breaker's state, one-hot", async () => {
    await caches().feed.get("metrics-breaker-probe"); // the feed cache's breaker exists
    const state = (value: string) =>
      sample("blog_redis_breaker_state", `breaker="cache:feed",state="${value}"`);
    expect(await state("closed")).toBe(1);
    expect(await state("open")).toBe(0);
    expect(await state("half-open")).toBe(0);
  });

  it("counts flushes of views into Postgres and the views they moved", async () => {
    const { createPost } = await import("@/lib/domains/posts/mutations");
    const { recordView } = await import("@/lib/domains/view-counts/counter");
    const { flushViews } = await import("@/lib/domains/view-counts/flush");
    const { deleteUsers, makeUser } = await import("../../helpers/factories");
    const author = await makeUser();
    const post = await createPost(author.id, {
      title: "Counted by the metrics",
      content: "Three views, one flush.",
    });
    const flushes = () => sample("blog_view_flushes_total", 'outcome="flushed"');
    const views = () => sample("blog_views_flushed_total", "");
    const before = { flushes: await flushes(), views: await views() };
    for (let i = 0; i < 3; i++) await recordView(post);
    expect(await flushViews(post.id)).toBe(3);
    expect(await flushes()).toBe(before.flushes + 1);
    expect(await views()).toBe(before.views + 3);
    await deleteUsers(author.id);
  });

  it("moves with the caches: a miss, a timed loader call and two hits; a page cache hit", async () => {
    const lookups = (namespace: string, result: string) =>
      sample("blog_cache_lookups_total", `namespace="${namespace}",result="${result}"`);
    const before = {
      hits: await lookups("cache:feed", "hit"),
      misses: await lookups("cache:feed", "miss"),
      loads: await sample("blog_cache_loader_calls_total", 'namespace="cache:feed"'),
      pageHits: await lookups("cache:page", "hit"),
      timedLoads: await sample(
        "blog_cache_loader_duration_seconds_count",
        'namespace="cache:feed"',
      ),
    };
    const key = `metrics-test:${randomBytes(4).toString("hex")}`;
    for (let i = 0; i < 3; i++) await caches().feed.getOrSet(key, async () => "loaded");
    const pages = new PageStore({
      redis: () => redis(),
      buildId: "metrics-test",
      freshSeconds: 30,
      staleSeconds: 30,
      maxEntryBytes: 1 << 20,
      commandTimeoutMs: 2000,
      lockTimeoutMs: 1000,
    });
    pages.count("hits");
    await pages.close();
    await caches().feed.delete(key);
    expect(await lookups("cache:feed", "miss")).toBe(before.misses + 1);
    expect(await sample("blog_cache_loader_calls_total", 'namespace="cache:feed"')).toBe(
      before.loads + 1,
    );
    expect(await lookups("cache:feed", "hit")).toBe(before.hits + 2);
    expect(await lookups("cache:page", "hit")).toBe(before.pageHits + 1);
    // This process's histogram of loader durations took the one load.
    expect(await sample("blog_cache_loader_duration_seconds_count", 'namespace="cache:feed"')).toBe(
      before.timedLoads + 1,
    );
  });
});
