// A memoized hit is one round trip: one script reads the function's version and the entry. Seen
// by a Redis server of the test's own through MONITOR, which shows every command a client sent
// and, apart, the commands a script ran. And the version stays Redis', not a process's: a
// deleteMemoized in one process is seen by the next call in another.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Cache, createCache } from "@/lib/cache";
import { recordingLogger } from "../../helpers/logger";
import { PrivateRedis } from "../../helpers/private-redis";
import { patient, testNamespace } from "../../helpers/redis";

const server = new PrivateRedis();
let redis: Redis;
let monitor: Redis;
const sent: string[] = [];
const scripted: string[] = [];

beforeAll(async () => {
  await server.start();
  redis = new Redis(server.url);
  monitor = await redis.duplicate().monitor();
  monitor.on("monitor", (_time: string, args: string[], source: string) => {
    (source === "lua" ? scripted : sent).push(args[0].toLowerCase());
  });
});

afterAll(async () => {
  monitor.disconnect();
  redis.disconnect();
  await server.stop();
});

// MONITOR reports commands in the order the server ran them, a little after: once it has shown
// a marker sent now on the same connection, it has shown everything sent before.
async function caughtUp(): Promise<void> {
  const marker = `marker-${Math.random()}`;
  const seen = new Promise<void>((resolve) => {
    const listener = (_time: string, args: string[]) => {
      if (args[1] !== marker) return;
      monitor.off("monitor", listener);
      resolve();
    };
    monitor.on("monitor", listener);
  });
  await redis.echo(marker);
  await seen;
}

// The commands that `work` sent, and those its scripts ran.
async function commandsOf(work: () => Promise<unknown>) {
  await caughtUp();
  sent.length = 0;
  scripted.length = 0;
  await work();
  await caughtUp();
  return { sent: sent.slice(0, -1), scripted: [...scripted] };
}

function memoCache(namespace: string, client: Redis): Cache {
  // Statistics flushed by hand only, so that no flush lands among the counted commands.
  return createCache({
    ...patient,
    redis: client,
    namespace,
    statsFlushMs: 3_600_000,
    logger: recordingLogger(),
  });
}

describe("a memoized hit", () => {
  it("is one command: the script that reads the version and the entry", async () => {
    const cache = memoCache(testNamespace("one-trip"), redis);
    const getPost = cache.memoize(async (id: number) => ({ id, title: `post ${id}` }), {
      name: "getPost",
    });
    await getPost(42); // a miss: loads and stores
    const hit = await commandsOf(() => getPost(42));
    expect(hit.sent).toEqual(["evalsha"]);
    expect(hit.scripted).toEqual(["getex", "get"]);
    expect(await getPost(42)).toEqual({ id: 42, title: "post 42" });
    await cache.close();
  });
});

describe("deleteMemoized across two processes", () => {
  it("forgets the function's entries for the other process too, which then reads under the new version", async () => {
    const namespace = testNamespace("two-procs");
    const otherClient = redis.duplicate();
    const [a, b] = [memoCache(namespace, redis), memoCache(namespace, otherClient)];
    const load = vi.fn(async (id: number) => ({ id, loads: load.mock.calls.length }));
    const inA = a.memoize(load, { name: "getUser" });
    const inB = b.memoize(load, { name: "getUser" });

    const first = await inA(1);
    expect(await inB(1)).toEqual(first);
    expect(load).toHaveBeenCalledTimes(1);

    expect(await a.deleteMemoized(inA)).toBe(true);
    // B last saw version 0; the script tells it the version is 1, and the entry is read there.
    const afterDelete = await commandsOf(async () => expect(await inB(1)).not.toEqual(first));
    expect(load).toHaveBeenCalledTimes(2);
    expect(afterDelete.sent[0]).toBe("evalsha");
    // Then B is back to one command per hit, and A reads what B stored under version 1.
    expect((await commandsOf(() => inB(1))).sent).toEqual(["evalsha"]);
    expect(await inA(1)).toEqual(await inB(1));
    expect(load).toHaveBeenCalledTimes(2);

    await Promise.all([a.close(), b.close()]);
    otherClient.disconnect();
  });

  it("forgets one call's entry for the other process too", async () => {
    const namespace = testNamespace("two-procs-one");
    const otherClient = redis.duplicate();
    const [a, b] = [memoCache(namespace, redis), memoCache(namespace, otherClient)];
    const load = vi.fn(async (id: number) => id * 10);
    const inA = a.memoize(load, { name: "tenfold" });
    const inB = b.memoize(load, { name: "tenfold" });
    await inA(1);
    await inA(2);
    expect(await a.deleteMemoized(inA, 1)).toBe(true);
    await inB(1);
    await inB(2);
    expect(load.mock.calls.map(([id]) => id)).toEqual([1, 2, 1]);
    await Promise.all([a.close(), b.close()]);
    otherClient.disconnect();
  });
});
