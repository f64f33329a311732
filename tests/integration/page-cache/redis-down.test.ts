// Redis away: every page is passed to the app (Next) as if there were no page cache, at once,
// with no error and no hang.
import { once } from "node:events";
import { createServer } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redisOptions } from "@/lib/redis/options";
import { FakeApp, type Front, get, newBuildId, newToken, page, startFront } from "./harness";

let app: FakeApp;
let front: Front;
let redis: Redis;

beforeAll(async () => {
  // A port that nothing listens on: every connection is refused.
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as { port: number };
  probe.close();
  redis = new Redis({ ...redisOptions(), host: "127.0.0.1", port });
  redis.on("error", () => {});
  app = new FakeApp(newToken());
  // The app's own settings (server.ts): a 100 ms command timeout.
  front = await startFront(app, { buildId: newBuildId(), redis, store: { commandTimeoutMs: 100 } });
});
afterAll(async () => {
  await front.close();
  redis.disconnect();
});

async function timed<T>(call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await call();
  // "No hang" is all this claims: each Redis command gives up within 100 ms; the bound leaves
  // room for a busy machine.
  expect(performance.now() - started).toBeLessThan(2000);
  return value;
}

describe("the page cache with Redis down", () => {
  it("passes cacheable pages to the app without a render of its own", async () => {
    // The fake app numbers every page it renders, whichever test asked: count from here.
    const before = app.requests.length;
    let first = 0;
    for (let i = 1; i <= 8; i++) {
      const answer = await timed(() =>
        get(front.origin, "/posts/some-post", { "accept-encoding": "gzip, br" }),
      );
      expect(answer.status).toBe(200);
      expect(answer.headers["x-cache"]).toBe("MISS");
      expect(answer.headers["server-timing"]).toMatch(/^page-cache;desc="MISS redis unavailable"/);
      first ||= Number(/render (\d+)/.exec(answer.body.toString())![1]);
      expect(answer.body.toString()).toBe(page("/posts/some-post", first + i - 1));
    }
    // Past the breaker's threshold it stops asking Redis at all; the answers are the same.
    expect(app.requests.slice(before).map((r) => r.render)).toEqual(Array(8).fill(false));
  });

  it("answers HEAD and bypassed requests too", async () => {
    const head = await timed(() => get(front.origin, "/", {}, "HEAD"));
    expect([head.status, head.headers["x-cache"], head.body.length]).toEqual([200, "MISS", 0]);
    const signedIn = await timed(() => get(front.origin, "/", { cookie: "blog_session=x" }));
    expect([signedIn.status, signedIn.headers["x-cache"]]).toEqual([200, "BYPASS"]);
  });

  it("purges fail loudly rather than pretend (the caller logs them)", async () => {
    await expect(front.store.tags.purge(["feed"])).rejects.toThrow(
      "page cache: tag feed not purged",
    );
  });
});
