// Redis away: every page is passed to the app (Next) as if there were no page cache, at once,
// with no error and no hang: past a few failed commands the breaker opens, and from then on a
// request does not ask Redis at all, so it cannot wait for it.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { redisOptions } from "@/lib/redis/options";
import { freePort } from "../../../scripts/app-server";
import { recordingLogger } from "../../helpers/logger";
import { FakeApp, type Front, get, newBuildId, newToken, page, startFront } from "./harness";

let app: FakeApp;
let front: Front;
let redis: Redis;
const logger = recordingLogger();

beforeAll(async () => {
  // A port that nothing listens on: every connection is refused.
  redis = new Redis({ ...redisOptions(), host: "127.0.0.1", port: await freePort() });
  redis.on("error", () => {});
  app = new FakeApp(newToken());
  // The app's own settings (server.ts): a 100 ms command timeout.
  front = await startFront(app, {
    buildId: newBuildId(),
    redis,
    store: { commandTimeoutMs: 100, logger },
  });
});
afterAll(async () => {
  await front.close();
  redis.disconnect();
});

describe("the page cache with Redis down", () => {
  it("passes cacheable pages to the app without a render of its own", async () => {
    // The fake app numbers every page it renders, whichever test asked: count from here.
    const before = app.requests.length;
    let first = 0;
    for (let i = 1; i <= 8; i++) {
      const answer = await get(front.origin, "/posts/some-post", { "accept-encoding": "gzip, br" });
      expect(answer.status).toBe(200);
      expect(answer.headers["x-cache"]).toBe("MISS");
      expect(answer.headers["server-timing"]).toMatch(/^page-cache;desc="MISS redis unavailable"/);
      first ||= Number(/render (\d+)/.exec(answer.body.toString())![1]);
      expect(answer.body.toString()).toBe(page("/posts/some-post", first + i - 1));
    }
    expect(app.requests.slice(before).map((r) => r.render)).toEqual(Array(8).fill(false));
    // Past the breaker's threshold it stops asking Redis at all: nothing left to wait for.
    expect(logger.messages.some((m) => m.includes("circuit open"))).toBe(true);
    const sent = vi.spyOn(redis, "sendCommand");
    const answer = await get(front.origin, "/posts/some-post");
    expect([answer.status, answer.headers["x-cache"]]).toEqual([200, "MISS"]);
    expect(sent).not.toHaveBeenCalled();
    sent.mockRestore();
  });

  it("answers HEAD and bypassed requests too", async () => {
    const head = await get(front.origin, "/", {}, "HEAD");
    expect([head.status, head.headers["x-cache"], head.body.length]).toEqual([200, "MISS", 0]);
    const signedIn = await get(front.origin, "/u/alice", { cookie: "blog_session=x" });
    expect([signedIn.status, signedIn.headers["x-cache"]]).toEqual([200, "BYPASS"]);
    // A member on a shared page: Next renders for them, with their cookie.
    const member = await get(front.origin, "/", { cookie: "blog_session=x" });
    expect([member.status, member.headers["x-cache"]]).toEqual([200, "MISS"]);
    expect(app.requests.at(-1)).toMatchObject({ url: "/", render: false });
    expect(app.requests.at(-1)!.headers.cookie).toBe("blog_session=x");
  });

  it("purges fail loudly rather than pretend (the caller logs them)", async () => {
    await expect(front.store.tags.purge(["feed"])).rejects.toThrow(
      "page cache: tag feed not purged",
    );
  });
});
