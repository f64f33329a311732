// The key browser pages through a keyspace with SCAN only: every key exactly once across pages,
// each page bounded in SCAN calls and close to its size, and never a KEYS command. On a Cluster
// (TEST_REDIS_CLUSTER_NODES) the keys lie on every master, and the cursor carries the walk from
// one master to the next.
import { Cluster, type Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browseKeys, parseBrowseQuery } from "@/lib/admin/key-browser";
import { AppError } from "@/lib/platform/errors";
import { deleteByPattern, keysMatching, recordingClient } from "../../helpers/redis";
import { uniquePrefix } from "./helpers";

const client = recordingClient();
const prefix = uniquePrefix("browse");
const COUNT = 5_000;

// Each key its own command: on a Cluster one pipeline cannot take keys of many slots.
beforeAll(async () => {
  for (let start = 0; start < COUNT; start += 1_000) {
    const writes = [];
    for (let i = start; i < start + 1_000; i++)
      writes.push(client.set(`${prefix}:k:${i}`, `value ${i}`, "EX", 600));
    await Promise.all(writes);
  }
  await client.hset(`${prefix}:h`, { a: "1" });
  await client.rpush(`${prefix}:l`, "x");
});
afterAll(async () => {
  await deleteByPattern(client, `${prefix}:*`);
  client.disconnect();
});

const masters = (): Redis[] => (client instanceof Cluster ? client.nodes("master") : [client]);

// SCANs sent, wherever they went: on a Cluster the browser sends them to each master itself,
// around the Cluster client, so they are counted on the masters' own connections.
function scanCounter(): () => number {
  if (!(client instanceof Cluster)) return () => client.commands.filter((c) => c === "scan").length;
  let scans = 0;
  for (const node of client.nodes("master")) {
    const send = node.sendCommand.bind(node);
    node.sendCommand = (...args: Parameters<Redis["sendCommand"]>) => {
      if (args[0].name.toLowerCase() === "scan") scans += 1;
      return send(...args);
    };
  }
  return () => scans;
}

// Every page of a pattern, from the start: the keys seen, and each page's cursor.
async function walk(pattern: string, scans: () => number) {
  const seen: string[] = [];
  const cursors: string[] = [];
  let cursor = "0";
  do {
    const before = scans();
    const page = await browseKeys(client, { pattern, cursor, pageSize: 50, maxCalls: 20 });
    expect(scans() - before).toBe(page.calls);
    expect(page.calls).toBeLessThanOrEqual(20);
    // Whole SCAN batches are kept: a page can exceed 50 by one batch, never by much more.
    expect(page.rows.length).toBeLessThanOrEqual(250);
    expect(page.masters).toBe(masters().length);
    seen.push(...page.rows.map((row) => row.key.toString()));
    cursor = page.cursor;
    cursors.push(cursor);
    expect(page.done).toBe(cursor === "0");
  } while (cursor !== "0" && cursors.length < 1_000);
  return { seen, cursors };
}

describe("browseKeys", () => {
  it("returns every key exactly once across pages, with bounded pages and no KEYS", async () => {
    const scans = scanCounter();
    client.commands = [];
    const { seen, cursors } = await walk(`${prefix}:k:*`, scans);

    expect(seen).toHaveLength(COUNT);
    expect(new Set(seen).size).toBe(COUNT);
    expect(cursors.length).toBeGreaterThanOrEqual(COUNT / 250);
    expect(client.commands).not.toContain("keys");
    // On a Cluster the SCANs went to the masters themselves (counted by `scans` above).
    expect(new Set(client.commands)).toEqual(
      new Set(client.isCluster ? ["type", "pttl", "memory"] : ["scan", "type", "pttl", "memory"]),
    );
  });

  it("walks every master, the cursor naming each in turn", async () => {
    // Where the keys are, asked of each master itself.
    const held = await Promise.all(
      masters().map(async (node) => (await keysMatching(node, `${prefix}:k:*`)).length),
    );
    expect(held.reduce((sum, n) => sum + n, 0)).toBe(COUNT);
    const { seen, cursors } = await walk(`${prefix}:k:*`, scanCounter());
    expect(new Set(seen).size).toBe(COUNT);
    expect(seen).toHaveLength(COUNT);
    const named = new Set(cursors.map((cursor) => /^(\d+)-/.exec(cursor)?.[1] ?? "0"));
    if (client.isCluster) {
      // The dev and test Clusters have three masters, each holding some of the keys.
      expect(held).toHaveLength(3);
      for (const count of held) expect(count).toBeGreaterThan(0);
      expect(named).toEqual(new Set(["0", "1", "2"]));
    } else {
      expect(held).toEqual([COUNT]);
      for (const cursor of cursors) expect(cursor).toMatch(/^\d+$/);
    }
  });

  it("describes each key: type, TTL and memory", async () => {
    const page = await browseKeys(client, {
      pattern: `${prefix}:[hl]`,
      cursor: "0",
      pageSize: 50,
      maxCalls: 2_000,
    });
    const rows = Object.fromEntries(page.rows.map((row) => [row.key.toString(), row]));
    expect(rows[`${prefix}:h`]).toMatchObject({ type: "hash", ttlMs: -1 });
    expect(rows[`${prefix}:l`]).toMatchObject({ type: "list", ttlMs: -1 });
    expect(rows[`${prefix}:h`].memory).toBeGreaterThan(0);
    const one = await browseKeys(client, {
      pattern: `${prefix}:k:1`,
      cursor: "0",
      maxCalls: 2_000,
    });
    expect(one.rows).toHaveLength(1);
    expect(one.rows[0].type).toBe("string");
    expect(one.rows[0].ttlMs).toBeGreaterThan(500_000);
    expect(one.rows[0].ttlMs).toBeLessThanOrEqual(600_000);
  });

  it("a pattern that matches nothing ends within its budget of SCAN calls", async () => {
    const scans = scanCounter();
    const before = scans();
    const page = await browseKeys(client, {
      pattern: `${prefix}:nothing:*`,
      cursor: "0",
      maxCalls: 3,
    });
    expect(page.rows).toEqual([]);
    expect(scans() - before).toBe(page.calls);
    expect(page.calls).toBeLessThanOrEqual(3);
  });

  it("refuses, as a message about the cursor, one naming a master this Redis does not have", async () => {
    const error = await browseKeys(client, {
      pattern: "*",
      cursor: `${masters().length}-0`,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation_failed");
    expect((error as AppError).fields?.cursor).toMatch(/start from the beginning/);
  });
});

describe("parseBrowseQuery", () => {
  it("defaults to every key from the start and refuses a bad cursor or a huge pattern", () => {
    expect(parseBrowseQuery({})).toEqual({ pattern: "*", cursor: "0" });
    expect(parseBrowseQuery({ pattern: "  cache:* ", cursor: "123" })).toEqual({
      pattern: "cache:*",
      cursor: "123",
    });
    expect(parseBrowseQuery({ cursor: "2-123" })).toEqual({ pattern: "*", cursor: "2-123" });
    for (const cursor of ["-1", "12; FLUSHALL", "1-", "x-1", "18446744073709551616"]) {
      const error = (() => {
        try {
          parseBrowseQuery({ cursor });
        } catch (e) {
          return e;
        }
      })();
      expect(error, cursor).toBeInstanceOf(AppError);
      expect((error as AppError).fields?.cursor, cursor).toMatch(/start from the beginning/);
    }
    expect(() => parseBrowseQuery({ pattern: "*".repeat(300) })).toThrow(AppError);
  });
});
