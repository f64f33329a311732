// Two app processes on one Redis (two PageCache instances, each rendering through its own port):
// a stale page is served at once and refreshed by one render across both; a missing page is
// rendered once across both, the other process waiting for it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { postPageTag } from "@/lib/blog-cache/tags";
import { buildEntry } from "@/lib/page-cache/entry";
import { deferred } from "../../helpers/async";
import { testRedis } from "../../helpers/redis";
import {
  clearPageCache,
  FakeApp,
  type Front,
  get,
  newBuildId,
  newToken,
  page,
  startFront,
} from "./harness";

const redis = testRedis();
const PATH = "/posts/hot-post";
let app: FakeApp;
let one: Front;
let two: Front;

beforeAll(() => clearPageCache(redis));
beforeEach(async () => {
  app = new FakeApp(newToken());
  const buildId = newBuildId();
  [one, two] = await Promise.all([startFront(app, { buildId }), startFront(app, { buildId })]);
});
afterEach(async () => {
  await Promise.all([one.close(), two.close()]);
  await clearPageCache(redis);
});
afterAll(() => redis.quit());

// The app's render of PATH waits for `release`; `started` resolves once it has begun.
function holdRender(body: string) {
  const started = deferred();
  const release = deferred();
  app.on(PATH, async (_req, res) => {
    started.resolve();
    await release.promise;
    res.writeHead(200, { "content-type": "text/html" }).end(body);
  });
  return { started: started.promise, release: release.resolve };
}

describe("a stale page", () => {
  beforeEach(async () => {
    // Stored a minute and a second ago with 60 fresh seconds: stale, within its stale time.
    const old = buildEntry(
      {
        status: 200,
        headers: [["content-type", "text/html"]],
        body: Buffer.from(page(PATH, 0)),
        tags: [postPageTag("hot-post")],
      },
      60,
      Date.now() - 61_000,
    );
    const generations = await one.store.tags.generations(old.meta.tags);
    expect(await one.store.write(PATH, old, generations!)).toBe(true);
  });

  it("is served at once from both processes and refreshed by one render", async () => {
    const render = holdRender(page(PATH, 1));
    const first = await get(one.origin, PATH);
    expect(first.headers["x-cache"]).toBe("STALE");
    expect(first.body.toString()).toBe(page(PATH, 0));
    await render.started;
    // While the refresh is rendering, every reader of either process gets the stale page.
    const during = await Promise.all(
      [one, two, one, two, two].map((front) => get(front.origin, PATH)),
    );
    expect(during.map((answer) => answer.headers["x-cache"])).toEqual([
      "STALE",
      "STALE",
      "STALE",
      "STALE",
      "STALE",
    ]);
    expect(during.every((answer) => answer.body.toString() === page(PATH, 0))).toBe(true);
    expect(app.renderCount(PATH)).toBe(1);
    render.release();
    await expect
      .poll(async () => (await get(two.origin, PATH)).body.toString())
      .toBe(page(PATH, 1));
    expect((await get(one.origin, PATH)).headers["x-cache"]).toBe("HIT");
    expect(app.renderCount(PATH)).toBe(1);
    expect(app.requests.filter((r) => !r.render)).toEqual([]); // nothing reached the app uncached
  });
});

describe("a missing page", () => {
  it("is rendered once across processes; the other process waits for it", async () => {
    const render = holdRender(page(PATH, 1));
    const lockTries = vi.spyOn(two.store, "lock");
    const first = get(one.origin, PATH);
    await render.started;
    const second = get(two.origin, PATH);
    await expect.poll(() => lockTries.mock.calls.length).toBe(1);
    expect(await lockTries.mock.results[0].value).toEqual({ ok: true, value: null }); // held by the other process
    render.release();
    const answers = await Promise.all([first, second]);
    expect(
      answers.map((answer) => [answer.status, answer.headers["x-cache"], answer.body.toString()]),
    ).toEqual([
      [200, "MISS", page(PATH, 1)],
      [200, "MISS", page(PATH, 1)],
    ]);
    expect(app.renderCount(PATH)).toBe(1);
  });

  it("that the other process's render does not store is answered as soon as that render ends", async () => {
    // Waiting out lockWaitMs (a minute here) would time the test out.
    await Promise.all([one.close(), two.close()]);
    const buildId = newBuildId();
    [one, two] = await Promise.all([
      startFront(app, { buildId, lockWaitMs: 60_000 }),
      startFront(app, { buildId, lockWaitMs: 60_000 }),
    ]);
    const started = deferred();
    const release = deferred();
    app.on(PATH, async (req, res) => {
      if (req.headers["x-page-cache-render"]) {
        started.resolve();
        await release.promise;
      }
      res.writeHead(404, { "content-type": "text/html" }).end("<p>no such article</p>");
    });
    const lockTries = vi.spyOn(two.store, "lock");
    const first = get(one.origin, PATH);
    await started.promise;
    const second = get(two.origin, PATH);
    await expect.poll(() => lockTries.mock.calls.length).toBe(1);
    release.resolve();
    const answers = await Promise.all([first, second]);
    expect(
      answers.map((answer) => [answer.status, answer.headers["x-cache"], answer.body.toString()]),
    ).toEqual([
      [404, "MISS", "<p>no such article</p>"],
      [404, "MISS", "<p>no such article</p>"],
    ]);
    // One render by the first process; the second process's reader went to Next itself.
    expect(app.requests.map((r) => r.render)).toEqual([true, false]);
  });

  it("is rendered once for many readers of one process", async () => {
    const render = holdRender(page(PATH, 1));
    const [reads, lockTries] = [vi.spyOn(one.store, "read"), vi.spyOn(one.store, "lock")];
    const readers = [get(one.origin, PATH)];
    await render.started;
    readers.push(...Array.from({ length: 5 }, () => get(one.origin, PATH)));
    // All six looked and found nothing before the render finished: the five join the first's render.
    await expect.poll(() => reads.mock.calls.length).toBe(6);
    expect(await Promise.all(reads.mock.results.map((result) => result.value))).toEqual(
      Array(6).fill({ status: "miss" }),
    );
    render.release();
    const answers = await Promise.all(readers);
    expect(
      answers.every(
        (answer) =>
          answer.headers["x-cache"] === "MISS" && answer.body.toString() === page(PATH, 1),
      ),
    ).toBe(true);
    expect(app.renderCount(PATH)).toBe(1);
    expect(lockTries).toHaveBeenCalledTimes(1);
  });
});
