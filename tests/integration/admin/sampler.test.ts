// The chart's history: one sample a minute across processes (a lock per minute), bounded in
// count and age, with a TTL, read back oldest first.
import { afterAll, describe, expect, it } from "vitest";
import {
  readSamples,
  recordSampleIfDue,
  SAMPLE_WINDOW_MS,
  SAMPLES_KEPT,
} from "@/lib/admin/sampler";
import { createCache } from "@/lib/cache";
import { deleteByPattern, patient, recordingClient } from "../../helpers/redis";
import { uniquePrefix } from "./helpers";

const client = recordingClient();
const prefix = uniquePrefix("sampler");
const cache = createCache({ redis: client, namespace: `${prefix}:cache`, ...patient });
// Each test its own history and locks, so the tests hold in any order.
const own = (label: string) => ({
  client,
  caches: [cache],
  key: `${prefix}:${label}:samples`,
  lockPrefix: `${prefix}:${label}:lock:`,
});
const MINUTE = 60_000;
const start = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * SAMPLE_WINDOW_MS;

afterAll(async () => {
  await cache.close();
  await deleteByPattern(client, `${prefix}:*`);
  client.disconnect();
});

describe("the cache sampler", () => {
  it("takes one sample a minute however many processes try", async () => {
    const options = own("one-a-minute");
    const now = start + 5_000;
    const takers = await Promise.all(
      Array.from({ length: 8 }, () => recordSampleIfDue({ ...options, now })),
    );
    expect(takers.filter(Boolean)).toHaveLength(1);
    expect(await recordSampleIfDue({ ...options, now: now + 40_000 })).toBe(false);
    expect(await recordSampleIfDue({ ...options, now: now + MINUTE })).toBe(true);
    const samples = await readSamples(client, { key: options.key, now: now + MINUTE });
    expect(samples.map((s) => s.at)).toEqual([start, start + MINUTE]);
    expect(await client.ttl(`${options.lockPrefix}${start / MINUTE}`)).toBeGreaterThan(0);
  });

  it("records what the app's caches and Redis did", async () => {
    const options = own("figures");
    await cache.getOrSet("k", async () => 1);
    await cache.getOrSet("k", async () => 1);
    const now = start + 2 * MINUTE;
    await recordSampleIfDue({ ...options, now });
    const [latest] = (await readSamples(client, { key: options.key, now })).slice(-1);
    expect(latest).toMatchObject({ at: now, appServed: 1, appMisses: 1 });
    expect(latest.keys).toBeGreaterThan(0);
    expect(latest.usedMemory).toBeGreaterThan(0);
    expect(latest.keyspaceHits + latest.keyspaceMisses).toBeGreaterThan(0);
  });

  it("keeps at most an hour, at most 60 samples, under a TTL", async () => {
    const options = own("bounded");
    for (let minute = 3; minute < 3 + 150; minute++) {
      await recordSampleIfDue({ ...options, now: start + minute * MINUTE });
    }
    const last = start + 152 * MINUTE;
    expect(await client.zcard(options.key)).toBeLessThanOrEqual(SAMPLES_KEPT);
    const samples = await readSamples(client, { key: options.key, now: last });
    expect(samples.length).toBeLessThanOrEqual(SAMPLES_KEPT);
    expect(samples.at(-1)?.at).toBe(last);
    expect(samples.every((s) => s.at > last - SAMPLE_WINDOW_MS)).toBe(true);
    expect(samples.map((s) => s.at)).toEqual([...samples.map((s) => s.at)].sort((a, b) => a - b));
    const ttl = await client.pttl(options.key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(2 * SAMPLE_WINDOW_MS);
  });
});
