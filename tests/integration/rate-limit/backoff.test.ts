// The sign-in backoff (lib/rate-limit/backoff.ts): free failures, then a delay that doubles up to
// a cap; a taken-back attempt leaves no trace; with Redis gone the same rule holds in memory.

import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createBackoffLimiter } from "@/lib/rate-limit/backoff";
import type { BackoffPolicy } from "@/lib/rate-limit/policy";
import type { RedisClient } from "@/lib/redis/client";
import { deleteNamespace, testRedis } from "../../helpers/redis";
import { recordingLogger, testPrefix } from "./helpers";

const redis = testRedis();
const prefix = testPrefix();
afterAll(async () => {
  await deleteNamespace(redis, prefix);
  await redis.quit();
});

// Delays long enough that no test depends on its own speed; "later" is made by hand.
const policy: BackoffPolicy = {
  name: "signin-account",
  algorithm: "backoff",
  limit: 2,
  windowMs: 900_000,
  baseDelayMs: 60_000,
  maxDelayMs: 240_000,
};

function limiterOn(client: RedisClient) {
  return createBackoffLimiter(policy, {
    redis: () => client,
    logger: recordingLogger(),
    keyPrefix: prefix,
    cooldownMs: 60_000,
  });
}

describe("backoff limiter", () => {
  it("lets the free failures through, then one more that starts a doubling delay, capped", async () => {
    const limiter = limiterOn(redis);
    const key = `${prefix}:signin-account:a`;
    const allowed = [];
    for (let i = 0; i < 4; i++) allowed.push((await limiter.hit("a")).allowed);
    expect(allowed).toEqual([true, true, true, false]);
    const waits = [];
    for (let i = 0; i < 4; i++) {
      const refused = await limiter.hit("a");
      waits.push(Math.ceil(refused.resetMs / 60_000));
      await redis.hset(key, "next", 0); // the delay has passed
      expect((await limiter.hit("a")).allowed).toBe(true);
    }
    expect(waits).toEqual([1, 2, 4, 4]);
    expect(await redis.pttl(key)).toBeGreaterThan(900_000);
  });

  it("undo takes an attempt back entirely: the next attempt is free again", async () => {
    const limiter = limiterOn(redis);
    await limiter.hit("b");
    await limiter.hit("b");
    const third = await limiter.hit("b"); // starts the delay
    await limiter.undo("b", third);
    expect(await redis.hget(`${prefix}:signin-account:b`, "failures")).toBe("2");
    expect((await limiter.hit("b")).allowed).toBe(true);
    const first = await limiterOn(redis).hit("c");
    await limiterOn(redis).undo("c", first);
    expect(await redis.exists(`${prefix}:signin-account:c`)).toBe(0);
  });

  it("with Redis unreachable, applies the same rule in this process's memory", async () => {
    const dead = new Redis({
      host: "127.0.0.1",
      port: 1,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
    });
    dead.on("error", () => {});
    const limiter = limiterOn(dead);
    const decisions = [];
    for (let i = 0; i < 5; i++) decisions.push(await limiter.hit("d"));
    expect(decisions.map((d) => d.store)).toEqual(Array(5).fill("memory"));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
    expect(Math.ceil(decisions[4].resetMs / 60_000)).toBe(1);
    dead.disconnect();
  });
});
