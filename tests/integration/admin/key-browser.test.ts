// The key browser pages through a keyspace with SCAN only: every key exactly once across pages,
// each page bounded in SCAN calls and close to its size, and never a KEYS command.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browseKeys, parseBrowseQuery } from "@/lib/admin/key-browser";
import { AppError } from "@/lib/platform/errors";
import { deleteByPattern, recordingClient } from "../../helpers/redis";
import { uniquePrefix } from "./helpers";

const client = recordingClient();
const prefix = uniquePrefix("browse");
const COUNT = 5_000;

beforeAll(async () => {
  for (let start = 0; start < COUNT; start += 1_000) {
    const pipeline = client.pipeline();
    for (let i = start; i < start + 1_000; i++)
      pipeline.set(`${prefix}:k:${i}`, `value ${i}`, "EX", 600);
    await pipeline.exec();
  }
  await client.hset(`${prefix}:h`, { a: "1" });
  await client.rpush(`${prefix}:l`, "x");
});
afterAll(async () => {
  await deleteByPattern(client, `${prefix}:*`);
  client.disconnect();
});

describe("browseKeys", () => {
  it("returns every key exactly once across pages, with bounded pages and no KEYS", async () => {
    client.commands = [];
    const seen: string[] = [];
    let cursor = "0";
    let pages = 0;
    do {
      const scansBefore = client.commands.filter((c) => c === "scan").length;
      const page = await browseKeys(client, {
        pattern: `${prefix}:k:*`,
        cursor,
        pageSize: 50,
        maxCalls: 20,
      });
      const scans = client.commands.filter((c) => c === "scan").length - scansBefore;
      expect(scans).toBe(page.calls);
      expect(page.calls).toBeLessThanOrEqual(20);
      // Whole SCAN batches are kept: a page can exceed 50 by one batch, never by much more.
      expect(page.rows.length).toBeLessThanOrEqual(250);
      seen.push(...page.rows.map((row) => row.key.toString()));
      cursor = page.cursor;
      pages += 1;
      expect(page.done).toBe(cursor === "0");
    } while (cursor !== "0" && pages < 1_000);

    expect(seen).toHaveLength(COUNT);
    expect(new Set(seen).size).toBe(COUNT);
    expect(pages).toBeGreaterThanOrEqual(COUNT / 250);
    expect(client.commands).not.toContain("keys");
    expect(new Set(client.commands)).toEqual(new Set(["scan", "type", "pttl", "memory"]));
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
    client.commands = [];
    const page = await browseKeys(client, {
      pattern: `${prefix}:nothing:*`,
      cursor: "0",
      maxCalls: 3,
    });
    expect(page.rows).toEqual([]);
    expect(client.commands.filter((c) => c === "scan").length).toBe(page.calls);
    expect(page.calls).toBeLessThanOrEqual(3);
  });
});

describe("parseBrowseQuery", () => {
  it("defaults to every key from the start and refuses a bad cursor or a huge pattern", () => {
    expect(parseBrowseQuery({})).toEqual({ pattern: "*", cursor: "0" });
    expect(parseBrowseQuery({ pattern: "  cache:* ", cursor: "123" })).toEqual({
      pattern: "cache:*",
      cursor: "123",
    });
    expect(() => parseBrowseQuery({ cursor: "-1" })).toThrow(AppError);
    expect(() => parseBrowseQuery({ cursor: "12; FLUSHALL" })).toThrow(AppError);
    expect(() => parseBrowseQuery({ pattern: "*".repeat(300) })).toThrow(AppError);
  });
});
