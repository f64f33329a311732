// A cache-role Redis of a test's own: a private redis-server with `maxmemory 2mb` and an evicting
// policy, and a way to make it evict the keys a test names for real: write filler values until
// Redis has dropped every one of them, while the keys that must stay are read (a hot entry).
// Redis picks what to evict by sampling: it takes the key idle longest (allkeys-lru, idle time in
// whole seconds) or used least (allkeys-lfu, a logarithmic counter). So that it picks the named
// keys, then fillers, and never a key to keep, each filler is written (RESTORE) looking older or
// colder than the keys to keep and younger or warmer than the keys to evict. The machine's Redis
// (and its configuration) is never touched.
import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { sleep } from "./async";
import { PrivateRedis } from "./private-redis";

type Policy = "allkeys-lru" | "allkeys-lfu";

const FILLER_BYTES = 16 * 1024;
const MAX_FILLERS = 2_000;

export class EvictingRedis extends PrivateRedis {
  constructor(readonly policy: Policy = "allkeys-lru") {
    super(["--maxmemory", "2mb", "--maxmemory-policy", policy]);
  }

  /**
   * Fills the server until Redis has evicted every key of `gone`, reading every key of `keep`
   * before each filler. How many fillers it took; throws if a key to keep went first, or if the
   * keys would not go.
   */
  async evictUntilGone(client: Redis, gone: string[], keep: string[] = []): Promise<number> {
    const seed = `filler:seed:${randomBytes(4).toString("hex")}`;
    await client.set(seed, randomBytes(FILLER_BYTES));
    const payload = await client.dumpBuffer(seed);
    await client.unlink(seed);
    const age = await this.agesOfFillers(client, gone, keep);
    for (let written = 1; written <= MAX_FILLERS; written++) {
      const kept = await Promise.all(keep.map((key) => client.getBuffer(key)));
      const lost = keep.filter((_, i) => kept[i] === null);
      if (lost.length > 0) throw new Error(`evicted before the others: ${lost.join(", ")}`);
      await client.call("RESTORE", `filler:${written}`, 0, payload, "REPLACE", ...age);
      // EXISTS is no use of a key: it leaves its idle time and its counter alone.
      const left = await Promise.all(gone.map((key) => client.exists(key)));
      if (left.every((count) => count === 0)) return written;
    }
    throw new Error(`not evicted after ${MAX_FILLERS} fillers: ${gone.join(", ")}`);
  }

  // LRU: the keys to evict left idle for two seconds, fillers one second old, kept keys read
  // just now. LFU: fillers one count above the warmest key to evict, kept keys read until above.
  private async agesOfFillers(client: Redis, gone: string[], keep: string[]) {
    if (this.policy === "allkeys-lru") {
      await sleep(2_100); // giving the keys to evict an age: Redis' LRU clock counts seconds
      return ["IDLETIME", 1];
    }
    const counts = await Promise.all(gone.map((key) => client.object("FREQ", key)));
    const freq = Math.max(0, ...counts.map(Number)) + 1;
    for (const key of keep) {
      while (Number(await client.object("FREQ", key)) <= freq) await client.getBuffer(key);
    }
    return ["FREQ", freq];
  }
}

/** How many keys Redis has evicted since it started (INFO stats). */
export async function evictedKeys(client: Redis): Promise<number> {
  const info = await client.info("stats");
  return Number(/evicted_keys:(\d+)/.exec(info)?.[1] ?? 0);
}
