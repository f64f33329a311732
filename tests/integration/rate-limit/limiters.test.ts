// Both of the tutorial's limiters, each one Lua script per decision, against the real test Redis.
import { describe, expect, it } from "vitest";
import { limiterOn, prefixPerTest, tenPerHour, tenPerMinute, times } from "./helpers";

const { redis, prefix } = prefixPerTest();
const [fixed, sliding] = [tenPerMinute, tenPerHour];

describe.each([fixed, sliding])("$algorithm limiter", (policy) => {
  it("lets exactly 10 of 100 parallel requests through", async () => {
    const limiter = limiterOn(redis, policy, prefix);
    const decisions = await Promise.all(times(100, () => limiter.hit("ip:203.0.113.7")));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    expect(decisions.every((d) => d.store === "redis")).toBe(true);
    const remaining = decisions
      .filter((d) => d.allowed)
      .map((d) => d.remaining)
      .sort((a, b) => a - b);
    expect(remaining).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const refused of decisions.filter((d) => !d.allowed)) {
      expect(refused.remaining).toBe(0);
      expect(refused.resetMs).toBeGreaterThan(0);
      expect(refused.resetMs).toBeLessThanOrEqual(policy.windowMs);
    }
  });

  it("keeps one key per identity, named rl-style, with a TTL no shorter than needed and no longer than the window", async () => {
    const limiter = limiterOn(redis, policy, prefix);
    await limiter.hit("user:7");
    await limiter.hit("key:3");
    const keys = [`${prefix}:${policy.name}:user:7`, `${prefix}:${policy.name}:key:3`];
    for (const key of keys) {
      const ttl = await redis.pttl(key);
      expect(ttl, key).toBeGreaterThan(policy.windowMs - 5_000);
      expect(ttl, key).toBeLessThanOrEqual(policy.windowMs);
    }
    expect((await limiter.hit("user:8")).remaining).toBe(9); // identities do not share
  });

  it("lets traffic through again once the window has passed", async () => {
    const limiter = limiterOn(redis, { ...policy, limit: 3, windowMs: 300 }, prefix);
    const first = await Promise.all(times(5, () => limiter.hit("ip:198.51.100.1")));
    expect(first.filter((d) => d.allowed)).toHaveLength(3); // sent together: one window
    // Both keep their window in the key's expiry (the sliding log also in its scores): once
    // Redis has expired the key, the window has passed.
    await expect.poll(() => redis.exists(`${prefix}:${policy.name}:ip:198.51.100.1`)).toBe(0);
    expect((await limiter.hit("ip:198.51.100.1")).allowed).toBe(true);
  });
});

describe("fixed window", () => {
  it("repairs a counter left without an expiry instead of blocking forever", async () => {
    const limiter = limiterOn(redis, { ...fixed, limit: 2 }, prefix);
    await redis.set(`${prefix}:search:ip:192.0.2.1`, "2");
    expect((await limiter.hit("ip:192.0.2.1")).allowed).toBe(false);
    expect(await redis.pttl(`${prefix}:search:ip:192.0.2.1`)).toBeGreaterThan(0);
  });
});

describe("sliding log", () => {
  it("records one member per allowed request, unique even within one millisecond", async () => {
    const limiter = limiterOn(redis, { ...sliding, limit: 50 }, prefix);
    const decisions = await Promise.all(times(80, () => limiter.hit("ip:192.0.2.9")));
    const members = await redis.zrange(`${prefix}:api:ip:192.0.2.9`, 0, -1, "WITHSCORES");
    const scores = members.filter((_, i) => i % 2 === 1);
    expect(scores).toHaveLength(50);
    // Pipelined requests share milliseconds: were members timestamps, these would have collapsed.
    expect(new Set(scores).size).toBeLessThan(50);
    expect(new Set(decisions.filter((d) => d.allowed).map((d) => d.member)).size).toBe(50);
  });

  it("frees one slot when the oldest hit leaves the window, not the whole window at once", async () => {
    const limiter = limiterOn(redis, { ...sliding, limit: 2, windowMs: 60_000 }, prefix);
    const key = `${prefix}:api:u`;
    // Time passes for a hit when its score (Redis' clock when it was let in) moves back.
    const age = async (member: string, ms: number) => redis.zincrby(key, -ms, member);
    const oldest = await limiter.hit("u");
    await limiter.hit("u");
    await age(oldest.member!, 40_000);
    const refused = await limiter.hit("u");
    expect(refused.allowed).toBe(false);
    // The oldest hit leaves the window in at most 20 s (less by the time gone since), not 60.
    expect(refused.resetMs).toBeLessThanOrEqual(20_000);
    expect(refused.resetMs).toBeGreaterThan(0);
    await age(oldest.member!, 20_000);
    expect((await limiter.hit("u")).allowed).toBe(true);
    expect((await limiter.hit("u")).allowed).toBe(false); // the second hit is still in the window
  });

  it("takes back exactly the one hit it is told to", async () => {
    const limiter = limiterOn(redis, { ...sliding, limit: 2 }, prefix);
    const first = await limiter.hit("u");
    await limiter.hit("u");
    expect((await limiter.hit("u")).allowed).toBe(false);
    await limiter.undo("u", first);
    expect(await redis.zcard(`${prefix}:api:u`)).toBe(1);
    expect((await limiter.hit("u")).allowed).toBe(true);
  });
});
