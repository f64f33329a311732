// A memoized hit is one round trip: a GET of its entry once Redis watches the function's version
// for this process (CLIENT TRACKING), one script that reads the version and the entry before.
// Seen by Redis servers of the test's own through MONITOR, which shows every command each
// connection sent and, apart, the commands a script ran. And the version stays Redis': a
// deleteMemoized in one process reaches the other, also when its watch was down meanwhile.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Cache, createCache } from "@/lib/cache";
import { recordingLogger } from "../../helpers/logger";
import { PrivateRedis } from "../../helpers/private-redis";
import { patient, testNamespace } from "../../helpers/redis";

const server = new PrivateRedis();
// A Redis whose CLIENT command is renamed away: no tracking, as on a Redis before 6.
const noTracking = new PrivateRedis(["--rename-command", "CLIENT", ""]);
let redis: Redis;
let other: Redis;
let plain: Redis;
let monitors: Redis[] = [];
const seen: { source: string; command: string }[] = [];

beforeAll(async () => {
  await Promise.all([server.start(), noTracking.start()]);
  redis = new Redis(server.url);
  other = new Redis(server.url);
  plain = new Redis(noTracking.url);
  monitors = await Promise.all([redis.duplicate().monitor(), plain.duplicate().monitor()]);
  for (const monitor of monitors) {
    monitor.on("monitor", (_time: string, args: string[], source: string) =>
      seen.push({ source, command: args[0].toLowerCase() }),
    );
  }
});

afterAll(async () => {
  for (const client of [...monitors, redis, other, plain]) client.disconnect();
  await Promise.all([server.stop(), noTracking.stop()]);
});

// A connection's address as MONITOR names it.
async function addressOf(client: Redis, monitor: Redis): Promise<string> {
  const marker = `address-${Math.random()}`;
  const found = new Promise<string>((resolve) => {
    const listener = (_time: string, args: string[], source: string) => {
      if (args[1] !== marker) return;
      monitor.off("monitor", listener);
      resolve(source);
    };
    monitor.on("monitor", listener);
  });
  await client.echo(marker);
  return found;
}

// The commands that `work` made `client` send, and those its scripts ran. MONITOR reports
// commands a little after they ran: once it has shown a marker sent after the work on the same
// connection, it has shown everything before.
async function commandsOf(client: Redis, work: () => Promise<unknown>) {
  const monitor = client.options.port === noTracking.port ? monitors[1] : monitors[0];
  const address = await addressOf(client, monitor);
  seen.length = 0;
  await work();
  await addressOf(client, monitor);
  // Not counted either: the TOUCH that keeps known versions warm, from a timer once a second.
  const ours = (c: { source: string; command: string }) =>
    c.source === address && c.command !== "echo" && c.command !== "touch";
  return {
    sent: seen.filter(ours).map((c) => c.command),
    scripted: seen.filter((c) => c.source === "lua").map((c) => c.command),
  };
}

function memoCache(namespace: string, client: Redis, logger = recordingLogger()): Cache {
  // Statistics flushed by hand only, so that no flush lands among the counted commands.
  return createCache({ ...patient, redis: client, namespace, statsFlushMs: 3_600_000, logger });
}

const until = { timeout: 5_000, interval: 20 };

describe("a memoized hit", () => {
  it("is one GET of the entry once Redis watches the version for this process", async () => {
    const cache = memoCache(testNamespace("one-get"), redis);
    const getPost = cache.memoize(async (id: number) => ({ id, title: `post ${id}` }), {
      name: "getPost",
    });
    await getPost(42); // a miss: loads and stores
    await vi.waitFor(async () => {
      const hit = await commandsOf(redis, () => getPost(42));
      expect(hit).toEqual({ sent: ["get"], scripted: [] });
    }, until);
    expect(await getPost(42)).toEqual({ id: 42, title: "post 42" });
    await cache.close();
  });

  it("is one command without the watch: the script reads the version and the entry", async () => {
    const logger = recordingLogger();
    const cache = memoCache(testNamespace("no-watch"), plain, logger);
    const getPost = cache.memoize(async (id: number) => ({ id }), { name: "getPost" });
    await getPost(1);
    await vi.waitFor(() => expect(logger.messages.join()).toMatch(/read on every call/), until);
    for (let call = 0; call < 3; call += 1) {
      const hit = await commandsOf(plain, () => getPost(1));
      // The version (made by the first call: never a default "0") and its TTL, then the entry.
      expect(hit).toEqual({ sent: ["evalsha"], scripted: ["get", "pttl", "get"] });
    }
    await cache.close();
  });
});

describe("deleteMemoized across two processes", () => {
  it("reaches the other process, which then reads under the new version", async () => {
    const namespace = testNamespace("two-procs");
    const [a, b] = [memoCache(namespace, redis), memoCache(namespace, other)];
    const load = vi.fn(async (id: number) => ({ id, loads: load.mock.calls.length }));
    const inA = a.memoize(load, { name: "getUser" });
    const inB = b.memoize(load, { name: "getUser" });

    const first = await inA(1);
    expect(await inB(1)).toEqual(first);
    await vi.waitFor(
      async () => expect((await commandsOf(other, () => inB(1))).sent).toEqual(["get"]),
      until,
    );
    expect(load).toHaveBeenCalledTimes(1);

    expect(await a.deleteMemoized(inA)).toBe(true);
    // Redis pushes the change to B's watch, which forgets the version it knew and asks again.
    await vi.waitFor(async () => expect(await inB(1)).not.toEqual(first), until);
    expect(load).toHaveBeenCalledTimes(2);
    expect(await inA(1)).toEqual(await inB(1));
    expect(load).toHaveBeenCalledTimes(2);
    await Promise.all([a.close(), b.close()]);
  });

  // Next builds a module into several bundles: one process then holds several memoize() of one
  // function on one cache (a server action's copy forgets, a page's copy reads next).
  it("reaches every copy of the function in this process at once, whichever copy read since", async () => {
    const cache = memoCache(testNamespace("two-copies"), redis);
    const load = vi.fn(async (id: number) => ({ id, loads: load.mock.calls.length }));
    const [inAction, inPage] = [
      cache.memoize(load, { name: "getPostBySlug" }),
      cache.memoize(load, { name: "getPostBySlug" }),
    ];
    const first = await inPage(1);
    await vi.waitFor(
      async () => expect((await commandsOf(redis, () => inPage(1))).sent).toEqual(["get"]),
      until,
    );
    expect(await cache.deleteMemoized(inAction)).toBe(true);
    const fresh = await inAction(1);
    expect(fresh).not.toEqual(first);
    // The copy that did not forget uses the version the other one learned, not its own old one.
    expect(await inPage(1)).toEqual(fresh);
    expect(load).toHaveBeenCalledTimes(2);
    await cache.close();
  });

  it("forgets one call's entry for the other process too", async () => {
    const namespace = testNamespace("two-procs-one");
    const [a, b] = [memoCache(namespace, redis), memoCache(namespace, other)];
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
  });

  it("is not missed by a process whose watch was down when it happened", async () => {
    const namespace = testNamespace("watch-lost");
    const b = memoCache(namespace, other);
    const load = vi.fn(async (id: number) => ({ id, loads: load.mock.calls.length }));
    const inB = b.memoize(load, { name: "getUser" });
    const first = await inB(1);
    await vi.waitFor(
      async () => expect((await commandsOf(other, () => inB(1))).sent).toEqual(["get"]),
      until,
    );

    // The watch is cut, and the version changes before it is back: Redis pushes to nobody.
    await redis.call("CLIENT", "KILL", "TYPE", "pubsub");
    await redis.set(`${namespace}:memo:version:{getUser}`, "changed-unseen", "KEEPTTL");
    // Once the watch is back (another call's hit is a GET again), the change is not missed.
    await vi.waitFor(
      async () => expect((await commandsOf(other, () => inB(2))).sent).toEqual(["get"]),
      until,
    );
    expect(await inB(1)).not.toEqual(first);
    expect(load.mock.calls.filter(([id]) => id === 1)).toHaveLength(2);
    await b.close();
  });
});

describe("the watch connection", () => {
  const watches = async () =>
    String(await redis.call("CLIENT", "LIST", "TYPE", "pubsub"))
      .split("\n")
      .filter(Boolean).length;

  // A cache on `client` whose watch is up (its hits are GETs), the only one: every test of this
  // file closes its caches, and their watches are gone a moment later.
  async function watchedCache(client: Redis) {
    await vi.waitFor(async () => expect(await watches()).toBe(0), until);
    const cache = memoCache(testNamespace("watch-end"), client);
    const getPost = cache.memoize(async (id: number) => ({ id }), { name: "getPost" });
    await getPost(1);
    await vi.waitFor(
      async () => expect((await commandsOf(client, () => getPost(1))).sent).toEqual(["get"]),
      until,
    );
    expect(await watches()).toBe(1);
    return { cache, getPost };
  }

  it("ends with the client it copies, so that a script done with its client can exit", async () => {
    const own = new Redis(server.url);
    const { cache, getPost } = await watchedCache(own);
    own.disconnect();
    await vi.waitFor(async () => expect(await watches()).toBe(0), until);
    // The client connected again: the next call watches again, and hits are GETs again.
    await own.connect();
    await vi.waitFor(
      async () => expect((await commandsOf(own, () => getPost(1))).sent).toEqual(["get"]),
      until,
    );
    expect(await watches()).toBe(1);
    await cache.close();
    own.disconnect();
  });

  it("ends with the cache", async () => {
    const { cache } = await watchedCache(redis);
    await cache.close();
    await vi.waitFor(async () => expect(await watches()).toBe(0), until);
  });
});

describe("the version key", () => {
  it("is renewed by the call that finds less than half its TTL left, and only then", async () => {
    const namespace = testNamespace("renew");
    const cache = memoCache(namespace, redis);
    const getPost = cache.memoize(async (id: number) => ({ id }), { name: "getPost" });
    const versionKey = `${namespace}:memo:version:{getPost}`;
    await cache.deleteMemoized(getPost);
    await getPost(1);
    const week = await redis.pttl(versionKey);
    expect(week).toBeGreaterThan(6 * 24 * 3600 * 1000);
    await vi.waitFor(
      async () => expect((await commandsOf(redis, () => getPost(1))).sent).toEqual(["get"]),
      until,
    );

    await redis.pexpire(versionKey, 3_600_000); // an hour left, as after days of no change
    const renewing = await vi.waitFor(async () => {
      const call = await commandsOf(redis, () => getPost(1));
      expect(call.scripted).toContain("pexpire");
      return call;
    }, until);
    expect(renewing.sent).toEqual(["evalsha"]);
    expect(await redis.pttl(versionKey)).toBeGreaterThan(week - 60_000);
    await vi.waitFor(
      async () => expect((await commandsOf(redis, () => getPost(1))).sent).toEqual(["get"]),
      until,
    );
    await cache.close();
  });
});
