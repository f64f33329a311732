// The page cache's purges on a Redis that evicts (the cache role: maxmemory, allkeys-lru): a tag's
// list of pages or its generation lost to eviction costs renders, never a page the purge was for.
// The real PageCache in front of a fake app, on a private redis-server of 2 MB.
// docs/decisions/029-eviction-safe-invalidation.md
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { postPageTag } from "@/lib/blog-cache/tags";
import { deferred } from "../../helpers/async";
import { EvictingRedis } from "../../helpers/evicting-redis";
import { FakeApp, type Front, get, newBuildId, newToken, page, startFront } from "./harness";

const server = new EvictingRedis();
const PATH = "/posts/hello";
const TAG = postPageTag("hello");
let redis: Redis;
let app: FakeApp;
let front: Front;

beforeAll(async () => {
  await server.start();
  redis = new Redis(server.url);
});
beforeEach(async () => {
  await redis.flushall(); // the server is the test's own: the last test left it full of fillers
  app = new FakeApp(newToken());
  front = await startFront(app, { buildId: newBuildId(), redis });
});
afterEach(() => front.close());
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

const served = async () => {
  const answer = await get(front.origin, PATH);
  return [answer.headers["x-cache"], answer.body.toString()];
};

describe("a purge on an evicting Redis", () => {
  it("holds when Redis evicted the tag's list of pages before it", async () => {
    expect(await served()).toEqual(["MISS", page(PATH, 1)]);
    expect(await served()).toEqual(["HIT", page(PATH, 1)]);
    const entry = front.store.entryKey(PATH);

    await server.evictUntilGone(redis, [`cache:page:tag:${TAG}`], [entry]);
    expect(await front.store.tags.purge([TAG])).toBe(0); // the list was lost: nothing to delete
    expect(await redis.exists(entry)).toBe(1);
    expect(await served()).toEqual(["MISS", page(PATH, 2)]);
    expect(await served()).toEqual(["HIT", page(PATH, 2)]);
  });

  it("holds for a page whose render it overtook, when the generation it made is evicted", async () => {
    const started = deferred();
    const release = deferred();
    app.on(PATH, async (_req, res) => {
      started.resolve();
      await release.promise;
      res.writeHead(200, { "content-type": "text/html" }).end(page(PATH, 0));
    });
    const first = get(front.origin, PATH);
    await started.promise; // rendering from the data as it was before the change
    await front.store.tags.purge([TAG]);
    await redis.del(`cache:page:gen:${TAG}`); // evicted, as Redis may drop any key
    release.resolve();
    expect((await first).body.toString()).toBe(page(PATH, 0)); // its own reader's answer
    app.on(PATH, (_req, res) => {
      res.writeHead(200, { "content-type": "text/html" }).end(page(PATH, 1));
    });
    expect(await served()).toEqual(["MISS", page(PATH, 1)]);
  });
});
