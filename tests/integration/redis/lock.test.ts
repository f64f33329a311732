// withLock and lock-or-wait (lib/redis/lock.ts) on the test Redis.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { waitForLockHolder, withLock } from "@/lib/redis/lock";

const redis = new Redis(process.env.REDIS_URL!);
afterAll(() => redis.disconnect());
const lockKey = () => `toolkit:lock:${randomUUID()}`;

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe("withLock", () => {
  it("runs the work of one caller at a time, and releases the lock after it", async () => {
    const key = lockKey();
    const holding = deferred();
    const first = withLock(redis, key, 10_000, async () => {
      await holding.promise;
      return "first";
    });
    await expect.poll(() => redis.exists(key)).toBe(1);
    const second = await withLock(redis, key, 10_000, async () => "second");
    expect(second).toEqual({ acquired: false });
    holding.resolve();
    expect(await first).toEqual({ acquired: true, value: "first" });
    expect(await redis.exists(key)).toBe(0);
  });

  it("releases the lock when the work throws", async () => {
    const key = lockKey();
    const failing = withLock(redis, key, 10_000, async () => {
      throw new Error("work failed");
    });
    await expect(failing).rejects.toThrow("work failed");
    expect(await redis.exists(key)).toBe(0);
  });

  it("never releases a lock that expired and was taken by another owner", async () => {
    const key = lockKey();
    const result = await withLock(redis, key, 10_000, async () => {
      // As if ours had expired during the work and another process had taken it.
      await redis.set(key, "another owner's token", "PX", 10_000);
      return "done";
    });
    expect(result).toEqual({ acquired: true, value: "done" });
    expect(await redis.get(key)).toBe("another owner's token");
    await redis.del(key);
  });
});

describe("waitForLockHolder", () => {
  const options = { timeoutMs: 5_000, pollMs: 5 };

  it("returns the holder's result once it is stored", async () => {
    const key = lockKey();
    const resultKey = `${key}:result`;
    const holding = deferred();
    const holder = withLock(redis, key, 10_000, async () => {
      await holding.promise;
      await redis.set(resultKey, "built", "EX", 60);
    });
    await expect.poll(() => redis.exists(key)).toBe(1);
    const waiting = waitForLockHolder(async () => {
      const held = (await redis.exists(key)) === 1;
      return { held, value: (await redis.get(resultKey)) ?? undefined };
    }, options);
    holding.resolve();
    expect(await waiting).toBe("built");
    await holder;
  });

  it("returns undefined as soon as the lock is gone without a result", async () => {
    const key = lockKey();
    const holding = deferred();
    const holder = withLock(redis, key, 10_000, () => holding.promise);
    await expect.poll(() => redis.exists(key)).toBe(1);
    let looks = 0;
    const waiting = waitForLockHolder(async () => {
      looks += 1;
      return { held: (await redis.exists(key)) === 1, value: undefined };
    }, options);
    holding.resolve();
    await holder;
    expect(await waiting).toBeUndefined();
    expect(looks).toBeGreaterThan(0);
  });
});
