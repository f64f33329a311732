// With Redis gone, publishing answers false within the command timeout, never throws, and logs
// once rather than once per call. The app's own client (lib/redis/client.ts) is pointed at a private
// redis-server that the test stops; the shared one is never touched.
import type { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { logger } from "@/lib/util/logger";
import { PrivateRedis } from "../../helpers/private-redis";
import { eventually } from "./helpers";

const server = new PrivateRedis();

beforeAll(async () => {
  await server.start();
  process.env.REDIS_URL = `redis://127.0.0.1:${server.port}/0`; // read by env() on first use
});
afterAll(async () => {
  const { redis } = await import("@/lib/platform/redis");
  redis().disconnect();
  await server.stop();
});

it("publish resolves false without throwing while Redis is down, and works again after", async () => {
  const { redis } = await import("@/lib/platform/redis");
  const { publishPostCreated } = await import("@/lib/realtime/publish");
  expect((redis() as Redis).options.port).toBe(server.port); // this file's modules, not another file's client
  const post = { id: 1, slug: "s", title: "T", author: { id: 1, username: "u", name: "U" } };
  expect(await publishPostCreated(post)).toBe(true);

  const logged = vi.spyOn(logger, "warn").mockImplementation(() => {});
  await server.stop();
  const outcomes = await Promise.all(Array.from({ length: 20 }, () => publishPostCreated(post)));
  expect(outcomes).toEqual(Array(20).fill(false));
  expect(await publishPostCreated(post)).toBe(false);
  const warnings = logged.mock.calls
    .map(([line]) => String(line))
    .filter((line) => line.includes("PUBLISH failed"));
  expect(warnings).toHaveLength(1);
  logged.mockRestore();

  await server.start();
  await eventually(async () => expect(await publishPostCreated(post)).toBe(true));
});
