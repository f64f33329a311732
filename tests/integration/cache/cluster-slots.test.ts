// Calls over many keys (getMany, setMany, deleteMany, clear) with keys of many hash slots. On a
// Redis Cluster (TEST_REDIS_CLUSTER_NODES) the keys land on every master and each call still
// takes them all: one MGET or UNLINK per slot, one SET per key, every master scanned. On one
// Redis server each call is still the one command (or pipeline) it always was.
import { Cluster, type Redis } from "ioredis";
import { describe, expect, it, vi } from "vitest";
import { cacheForFile } from "../../helpers/cache";
import { keysMatching } from "../../helpers/redis";

// No statistics flush among the counted commands.
const { redis, namespace, cache } = cacheForFile("slots", { statsFlushMs: 3_600_000 });
const onCluster = redis instanceof Cluster;

// Sixty keys without a hash tag spread over the three masters (that one master gets none has a
// chance of 3 * (2/3)^60, about 1e-10, and is checked below anyway). Five share the tag {shared},
// so one slot. Five start with an empty tag "{}", which Redis ignores (it hashes the whole key):
// grouping them by "shared" would put keys of five slots into one command, refused as CROSSSLOT.
const names = [
  ...Array.from({ length: 60 }, (_, i) => `k${i}`),
  ...Array.from({ length: 5 }, (_, i) => `{shared}:${i}`),
  ...Array.from({ length: 5 }, (_, i) => `{}{shared}:${i}`),
];
const values = Object.fromEntries(names.map((name, i) => [name, i]));
const fullKey = (name: string) => `${namespace}:${name}`;
const ours = names.map(fullKey).sort();

/** The names of the commands `work` made the test's client send (a Cluster's: before routing). */
async function sentBy(work: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(redis, "sendCommand");
  try {
    await work();
    return spy.mock.calls.map(([command]) => (command as { name: string }).name);
  } finally {
    spy.mockRestore();
  }
}

// How many slots the keys fall in, as the Cluster reckons them, not as the library does.
async function slotsOf(keys: string[]): Promise<number> {
  const slots = await Promise.all(keys.map((key) => (redis as Cluster).cluster("KEYSLOT", key)));
  return new Set(slots).size;
}

const masters = (): Redis[] => (redis as Cluster).nodes("master");

// Each master's own keys of the namespace, by a SCAN of that node alone.
const keysPerMaster = () =>
  Promise.all(masters().map((node) => keysMatching(node, `${namespace}:*`)));

async function expectOnEveryMaster(): Promise<void> {
  const held = await keysPerMaster();
  expect(held).toHaveLength(3);
  for (const keys of held) expect(keys.length).toBeGreaterThan(0);
  expect(held.flat().sort()).toEqual(ours);
}

describe(onCluster ? "on a Redis Cluster" : "on one Redis server", () => {
  it("setMany stores every key: one pipeline on a server, one SET per key on a Cluster", async () => {
    const pipelines = vi.spyOn(redis, "pipeline");
    let stored = false;
    const sent = await sentBy(async () => {
      stored = await cache.setMany(values);
    });
    const pipelineCalls = pipelines.mock.calls.length;
    pipelines.mockRestore();
    expect(stored).toBe(true);
    expect(sent).toEqual(names.map(() => "set"));
    if (onCluster) {
      // A pipeline must stay on one node; the SETs go one by one to the master of each key.
      expect(pipelineCalls).toBe(0);
      await expectOnEveryMaster();
    } else {
      expect(pipelineCalls).toBe(1);
      expect(await keysMatching(redis, `${namespace}:*`)).toEqual(ours);
    }
    expect(await cache.get("{}{shared}:4")).toBe(69);
  });

  it("getMany reads every key in order, a miss as undefined: one MGET, or one per slot", async () => {
    expect(await cache.setMany(values)).toBe(true);
    if (onCluster) await expectOnEveryMaster();
    const asked = [...names, "absent"];
    let read: unknown[] = [];
    const sent = await sentBy(async () => {
      read = await cache.getMany(asked);
    });
    expect(read).toEqual([...names.map((_, i) => i), undefined]);
    const commands = onCluster ? await slotsOf(asked.map(fullKey)) : 1;
    expect(sent).toEqual(Array(commands).fill("mget"));
    // The five keys of {shared} were read by one MGET: grouped by slot, not one command per key.
    if (onCluster) expect(commands).toBeLessThanOrEqual(asked.length - 4);
  });

  it("deleteMany removes every key and counts them: one UNLINK, or one per slot", async () => {
    expect(await cache.setMany(values)).toBe(true);
    if (onCluster) await expectOnEveryMaster();
    const doomed = [...names, "absent"];
    let removed = 0;
    const sent = await sentBy(async () => {
      removed = await cache.deleteMany(doomed);
    });
    expect(removed).toBe(names.length);
    expect(await keysMatching(redis, `${namespace}:*`)).toEqual([]);
    const commands = onCluster ? await slotsOf(doomed.map(fullKey)) : 1;
    expect(sent).toEqual(Array(commands).fill("unlink"));
    if (onCluster) expect(commands).toBeLessThanOrEqual(doomed.length - 4);
  });

  it("clear() scans every master and removes every key of the namespace, and no other", async () => {
    expect(await cache.setMany(values)).toBe(true);
    const neighbour = `${namespace}x:k`; // the namespace's text followed by more: not its key
    await redis.set(neighbour, "1", "EX", 60);
    if (onCluster) await expectOnEveryMaster();
    const scanned = onCluster ? masters() : [redis as Redis];
    const scans = scanned.map((node) => vi.spyOn(node, "scan"));
    let removed = 0;
    const sent = await sentBy(async () => {
      removed = await cache.clear();
    });
    const scanCalls = scans.map((spy) => spy.mock.calls.length);
    for (const spy of scans) spy.mockRestore();

    expect(removed).toBe(names.length);
    expect(await keysMatching(redis, `${namespace}:*`)).toEqual([]);
    expect(await redis.exists(neighbour)).toBe(1);
    await redis.unlink(neighbour);
    // Each node walked with SCAN (three masters on the Cluster), never KEYS.
    expect(scanCalls).toHaveLength(onCluster ? 3 : 1);
    for (const calls of scanCalls) expect(calls).toBeGreaterThan(0);
    if (onCluster) {
      // SCAN goes to each master's own connection: the Cluster client sends the UNLINKs only.
      expect(new Set(sent)).toEqual(new Set(["unlink"]));
    } else {
      // As before: SCAN pages, and one UNLINK after each page that held keys of the namespace.
      expect(sent.filter((name) => name === "scan")).toHaveLength(scanCalls[0]);
      expect(sent.filter((name) => name !== "scan" && name !== "unlink")).toEqual([]);
      expect(sent.some((name, i) => name === "unlink" && sent[i - 1] !== "scan")).toBe(false);
      expect(sent).toContain("unlink");
    }
  });
});
