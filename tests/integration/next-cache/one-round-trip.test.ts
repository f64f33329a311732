// A hit of the 'use cache' handler is one round trip to Redis: the entry's GET and the HMGETs of
// the tags its key's entry had last time (and the request's soft tags) leave together, before any
// reply. The tags' states are still read from Redis on every get, so an update made by another
// process is seen by the very next get; an entry whose tags changed costs a second round trip.
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { createUseCacheHandler } from "@/lib/next-cache";
import type { RedisClient } from "@/lib/redis/client";
import { deleteNamespace, testNamespace, testRedis } from "../../helpers/redis";
import { entry, storeOn, textOf } from "./helpers";

const admin = testRedis();
const clients = [testRedis(), testRedis()];
const namespace = testNamespace("next-rt");
// Both instances' clock for tag updates, moved only by the tests (as in use-cache-handler.test.ts).
let time = Date.now();
const [storeA, storeB] = clients.map((client) =>
  storeOn(client, namespace, { maxEntryTtlSeconds: 86_400, now: () => time }),
);
const [a, b] = [createUseCacheHandler(storeA), createUseCacheHandler(storeB)];

afterEach(async () => {
  vi.restoreAllMocks();
  await deleteNamespace(admin, namespace);
  time = Date.now();
});
afterAll(async () => {
  await Promise.all([storeA.access.close(), storeB.access.close()]);
  for (const client of [admin, ...clients]) client.disconnect();
});

/** Each command `client` sends, with how many replies it had received when it was sent. */
function watch(client: RedisClient): [string, number][] {
  const sent: [string, number][] = [];
  let replies = 0;
  const send = client.sendCommand.bind(client);
  vi.spyOn(client, "sendCommand").mockImplementation((command: Parameters<typeof send>[0]) => {
    sent.push([command.name, replies]);
    void command.promise.finally(() => replies++).catch(() => {});
    return send(command);
  });
  return sent;
}

const roundTrips = (sent: [string, number][]) => new Set(sent.map(([, replies]) => replies)).size;

describe("a 'use cache' hit", () => {
  it("sends the entry's GET and its tags' HMGETs together, once the key's tags are known", async () => {
    await a.set("k", Promise.resolve(entry("v1", { tags: ["post:1", "feed"], timestamp: time })));
    const first = watch(clients[0]);
    expect(await textOf(await a.get("k", []))).toBe("v1");
    expect(roundTrips(first)).toBe(2); // the tags were not known yet
    vi.restoreAllMocks();

    const hit = watch(clients[0]);
    expect(await textOf(await a.get("k", []))).toBe("v1");
    expect(hit.map(([name]) => name)).toEqual(["get", "hmget", "hmget"]);
    expect(roundTrips(hit)).toBe(1);
  });

  it("still sees at once a tag another process expired", async () => {
    await a.set("k", Promise.resolve(entry("v1", { tags: ["post:1"], timestamp: time })));
    expect(await textOf(await a.get("k", []))).toBe("v1");
    time += 1;
    await b.updateTags(["post:1"]);
    const sent = watch(clients[0]);
    expect(await a.get("k", [])).toBeUndefined();
    expect(roundTrips(sent)).toBe(1);
  });

  it("reads again the tags of an entry whose tags changed, and judges it by them", async () => {
    await a.set("k", Promise.resolve(entry("v1", { tags: ["post:1"], timestamp: time })));
    expect(await textOf(await a.get("k", []))).toBe("v1");
    time += 1;
    await b.updateTags(["post:2"]);
    time += 1;
    // Made after post:2's update: fresh, by post:2's record read in a second round trip.
    await b.set("k", Promise.resolve(entry("v2", { tags: ["post:2"], timestamp: time })));
    const sent = watch(clients[0]);
    expect(await textOf(await a.get("k", []))).toBe("v2");
    expect(roundTrips(sent)).toBe(2);
    // An entry made before post:2's update is expired by it.
    await b.set("old", Promise.resolve(entry("v0", { tags: ["post:2"], timestamp: time - 2 })));
    expect(await a.get("old", [])).toBeUndefined();
  });
});
