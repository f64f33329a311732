// With Redis gone, publishing answers false within the command timeout, never throws, and logs
// once rather than once per call. The app's own client (lib/redis/client.ts) is pointed at a private
// redis-server that the test stops; the shared one (or the shared Cluster) is never touched.
import type { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { logger } from "@/lib/util/logger";
import { PrivateRedis } from "../../helpers/private-redis";
import { eventually } from "./helpers";

const server = new PrivateRedis();

// Read by env() on first use, so they must be set before this file's modules use it. Under
// `npm run test:cluster` REDIS_CLUSTER_NODES would win over REDIS_URL (stateTarget): it is removed
// for this file's module graph, as serverEnvWith (tests/e2e/server-env.ts) does for processes.
const before = {
  REDIS_URL: process.env.REDIS_URL,
  REDIS_CLUSTER_NODES: process.env.REDIS_CLUSTER_NODES,
};
beforeAll(async () => {
  await server.start();
  process.env.REDIS_URL = `redis://127.0.0.1:${server.port}/0`;
  delete process.env.REDIS_CLUSTER_NODES;
});
afterAll(async () => {
  const { redis } = await import("@/lib/platform/redis");
  redis().disconnect();
  await server.stop();
  for (const [name, value] of Object.entries(before)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
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
