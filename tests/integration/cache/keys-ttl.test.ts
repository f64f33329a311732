// Every key the library writes has a TTL, and locks belong to their owner.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createCache } from "@/lib/cache";
import { Locks } from "@/lib/cache/lock";
import { recordingLogger } from "../../helpers/logger";
import { deleteNamespace, keysOf, patient, testNamespace, testRedis } from "../../helpers/redis";

const redis = testRedis();
const namespace = testNamespace("ttl");

// Each test from an empty namespace, whichever ran before it (the lock test leaves a lock).
beforeEach(() => deleteNamespace(redis, namespace));
afterAll(async () => {
  await deleteNamespace(redis, namespace);
  redis.disconnect();
});

describe("key expiry", () => {
  it("every key written by every call has a TTL", async () => {
    const cache = createCache({ ...patient, redis, namespace, logger: recordingLogger() });
    const lockTtls: number[] = [];
    await cache.set("set", 1);
    await cache.add("add", 1);
    await cache.setMany({ many1: 1, many2: 2 });
    await cache.getOrSet(
      "loaded",
      async () => {
        lockTtls.push(await redis.pttl(`${namespace}:lock:loaded`));
        return 1;
      },
      { stale: 60 },
    );
    const memo = cache.memoize(async (id: number) => id, { name: "memo" });
    await memo(1);
    await cache.deleteMemoized(memo);
    await memo(1);
    await cache.cached(async () => new Response("page"))(new Request("http://x.test/page"), {});
    await cache.cached(async () => new Response("list"), { group: "g" })(
      new Request("http://x.test/list"),
      {},
    );
    await cache.getOrSet("tagged", async () => 1, { tags: ["t"] });
    await cache.forgetTag("t");
    await cache.flushStats();

    expect(lockTtls).toHaveLength(1);
    expect(lockTtls[0]).toBeGreaterThan(0);
    const keys = await keysOf(redis, namespace);
    const suffixes = keys.map((k) =>
      k
        .slice(namespace.length + 1)
        .replace(/\}:v[^:]+:.*/, "}:v<n>:<args>")
        .replace(/^view:\/list:g.*/, "view:/list:g<version>"),
    );
    expect(suffixes).toEqual([
      "add",
      "gen:t",
      "group:g:version",
      "loaded",
      "many1",
      "many2",
      "memo:version:{memo}",
      "memo:{memo}:v<n>:<args>",
      "memo:{memo}:v<n>:<args>",

      "set",
      "stats",
      "view:/list:g<version>",
      "view:/page",
    ]);
    for (const key of keys) expect(await redis.pttl(key), key).toBeGreaterThan(0);
    await cache.close();
  });
});

describe("locks", () => {
  it("are taken by one holder, expire, and are released only with the owner's token", async () => {
    const run = async <T>(command: (r: typeof redis) => Promise<T>) => ({
      ok: true as const,
      value: await command(redis),
    });
    const locks = new Locks(run);
    const key = `${namespace}:lock:manual`;
    const first = await locks.acquire(key, 5000);
    expect(first.ok && typeof first.value).toBe("string");
    expect(await locks.acquire(key, 5000)).toEqual({ ok: true, value: null });
    expect(await redis.pttl(key)).toBeGreaterThan(4000);

    await redis.set(key, "someone else's token", "PX", 5000);
    expect(await locks.release(key, first.ok ? first.value! : "")).toBe(false);
    expect(await redis.get(key)).toBe("someone else's token");
    await redis.del(key);

    const second = await locks.acquire(key, 5000);
    expect(await locks.release(key, second.ok ? second.value! : "")).toBe(true);
    expect(await locks.isHeld(key)).toEqual({ ok: true, value: false });

    await locks.acquire(key, 50);
    await expect.poll(() => redis.exists(key)).toBe(0); // its PX expired it: a crashed holder blocks no one for long
    expect(await locks.acquire(key, 50)).toEqual({ ok: true, value: expect.any(String) });
    expect(await locks.isHeld(key)).toEqual({ ok: true, value: true });
  });
});
