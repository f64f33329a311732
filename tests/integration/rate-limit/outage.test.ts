// Redis down: the limiter fails open to a per-process in-memory limiter with the same policy,
// says so in the log once (not once per request), and goes back to Redis when it answers again.
// A private redis-server is killed; the shared test Redis is never touched.
import { once } from "node:events";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RateLimitPolicy } from "@/lib/rate-limit/policy";
import { PrivateRedis } from "../../helpers/private-redis";
import { limiterOn, recordingLogger, testPrefix, times } from "./helpers";

const server = new PrivateRedis();
beforeAll(() => server.start());
afterAll(() => server.stop());

// The app's client options that matter here: fail fast instead of queueing for long.
function client(): Redis {
  const redis = new Redis({
    port: server.port,
    host: "127.0.0.1",
    maxRetriesPerRequest: 1,
    commandTimeout: 200,
  });
  redis.on("error", () => {});
  return redis;
}

describe.each<RateLimitPolicy>([
  { name: "search", algorithm: "fixed-window", limit: 10, windowMs: 60_000 },
  { name: "api", algorithm: "sliding-log", limit: 10, windowMs: 3_600_000 },
])("$algorithm limiter with Redis killed", (policy) => {
  it("limits in memory, logs once, and returns to Redis when it is back", async () => {
    const redis = client();
    await once(redis, "ready");
    const logger = recordingLogger();
    const limiter = limiterOn(redis, policy, testPrefix(), { logger, cooldownMs: 1000 });
    expect((await limiter.hit("ip:a")).store).toBe("redis");

    await server.stop();
    const decisions = await Promise.all(times(100, () => limiter.hit("ip:b")));
    expect(decisions.every((d) => d.store === "memory")).toBe(true);
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    for (let i = 0; i < 20; i++) expect((await limiter.hit("ip:b")).allowed).toBe(false);
    expect(logger.messages).toHaveLength(1);
    expect(logger.messages[0]).toMatchObject({
      message: "rate limiter: Redis unavailable, limiting in this process's memory",
      fields: { policy: policy.name },
    });
    expect(logger.messages[0]).not.toHaveProperty("fields.suppressed");

    // While the cool-down lasts, Redis is not even asked: requests do not wait for its timeout.
    const sent = vi.spyOn(redis, "sendCommand");
    await limiter.hit("ip:c");
    expect(sent).not.toHaveBeenCalled();
    sent.mockRestore();

    await server.start();
    await vi.waitFor(async () => expect((await limiter.hit("ip:d")).store).toBe("redis"), {
      timeout: 10_000,
      interval: 100,
    });
    expect(logger.messages.at(-1)?.message).toBe(
      "rate limiter: Redis answers again, limiting in Redis",
    );
    expect(logger.messages).toHaveLength(2);
    redis.disconnect();
  });
});

describe("a Redis that does not answer", () => {
  it("is given up on after the client's command timeout, and the request is limited in memory", async () => {
    const redis = client();
    const admin = client();
    await Promise.all([once(redis, "ready"), once(admin, "ready")]);
    const limiter = limiterOn(
      redis,
      { name: "api", algorithm: "sliding-log", limit: 1, windowMs: 60_000 },
      testPrefix(),
    );
    await admin.client("PAUSE", 1000, "ALL");
    try {
      const first = await limiter.hit("ip:e");
      expect(first).toMatchObject({ allowed: true, store: "memory" });
      expect((await limiter.hit("ip:e")).allowed).toBe(false);
    } finally {
      redis.disconnect();
      admin.disconnect();
      // The server is shared by this file's tests, in whatever order they run: none may start
      // while it is paused. A pause blocks every client, UNPAUSE included, so it is waited out
      // by a client with no command timeout.
      const patient = new Redis({ port: server.port, host: "127.0.0.1" });
      await patient.ping();
      patient.disconnect();
    }
  });
});
