// classifyRedisError with the errors real ioredis clients give against a real Redis: a closed
// connection, a server killed under the client, a command that waits too long, an error reply.
// Class, name and code decide, never the message.
import { once } from "node:events";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createClient, instrument } from "@/lib/redis/client";
import {
  classifyRedisError,
  RedisConnectionLostError,
  RedisTimeoutError,
} from "@/lib/redis/errors";
import { PrivateRedis } from "../../helpers/private-redis";

const url = process.env.REDIS_URL!;
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("the command should have failed"),
    (error: unknown) => error,
  );

describe("classifyRedisError", () => {
  it("calls a command on a closed connection connection-lost", async () => {
    const client = createClient({ url }, { timeoutMs: 500 });
    await once(client, "ready");
    client.disconnect();
    const error = await rejection(client.get("anything"));
    expect(error).toBeInstanceOf(RedisConnectionLostError);
    expect(classifyRedisError(error)).toBe("connection-lost");
  });

  it("calls a command that waits longer than the client's timeout timed-out", async () => {
    const client = instrument(new Redis(url), { timeoutMs: 50 });
    await once(client, "ready");
    // A blocking pop on a key nobody fills waits 2 s in Redis: only this client waits for it.
    const error = await rejection(client.blpop(`toolkit:never:${Date.now()}`, 2));
    expect(error).toBeInstanceOf(RedisTimeoutError);
    expect(classifyRedisError(error)).toBe("timed-out");
    client.disconnect();
  });

  // The app's client is made once per process, but this module is bundled more than once: a
  // timeout from another copy's class was once taken for a lost connection (a view counted twice).
  it("knows the errors of another copy of this module, as another bundle makes them", async () => {
    vi.resetModules();
    const copy = await import("@/lib/redis/errors");
    const timeout = new copy.RedisTimeoutError(50);
    expect(timeout).not.toBeInstanceOf(RedisTimeoutError);
    expect(classifyRedisError(timeout)).toBe("timed-out");
    expect(classifyRedisError(new copy.RedisConnectionLostError("end"))).toBe("connection-lost");
  });

  it("calls an error reply, from a script or a command, script-error", async () => {
    const client = new Redis(url);
    const fromScript = await rejection(client.eval("return redis.error_reply('BOOM no')", 0));
    const key = `toolkit:string:${Date.now()}`;
    await client.set(key, "text", "EX", 60);
    const wrongType = await rejection(client.lpush(key, "x"));
    expect(classifyRedisError(fromScript)).toBe("script-error");
    expect(classifyRedisError(wrongType)).toBe("script-error");
    client.disconnect();
  });

  it("calls anything that is not about Redis other", () => {
    expect(classifyRedisError(new TypeError("x is undefined"))).toBe("other");
    expect(classifyRedisError("a string")).toBe("other");
  });
});

describe("a server killed under a plain ioredis client", () => {
  const server = new PrivateRedis();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it("gives errors classified connection-lost", async () => {
    const client = new Redis(server.url, { maxRetriesPerRequest: 1 });
    client.on("error", () => {});
    await once(client, "ready");
    await server.stop();
    const error = await rejection(client.get("anything"));
    expect(classifyRedisError(error)).toBe("connection-lost");
    client.disconnect();
  });
});
