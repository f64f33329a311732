// `next build` renders static pages through the blog's store without the app's settings: the
// store must neither ask Redis (which would log a failed command) nor store what a build renders.
import { afterEach, expect, it, vi } from "vitest";
import { createUseCacheHandler } from "@/lib/next-cache";
import { keysMatching, redisForFile } from "../../helpers/redis";
import { entry } from "./helpers";

const redis = redisForFile();
const STORE = Symbol.for("blog:nextCacheStore");
const registry = globalThis as Record<symbol, unknown>;

afterEach(() => {
  vi.unstubAllEnvs();
  delete registry[STORE];
});

// The blog's store as a fresh process in that phase would make it.
async function handlerIn(phase: string | undefined) {
  vi.stubEnv("NEXT_PHASE", phase);
  delete registry[STORE];
  const { nextCacheStore } = await import("@/lib/next-cache/app-store");
  return createUseCacheHandler(nextCacheStore());
}

const entries = async () => (await keysMatching(redis, "next-cache:uc:*")).length;

it("reads and stores nothing while Next builds, and does both when it serves", async () => {
  const key = `build-phase-${Date.now()}`;
  const serving = await handlerIn(undefined);
  await serving.set(key, Promise.resolve(entry("rendered by the server")));
  expect(await serving.get(key, [])).toBeDefined();

  const building = await handlerIn("phase-production-build");
  expect(await building.get(key, [])).toBeUndefined();
  const before = await entries();
  await building.set(`${key}-built`, Promise.resolve(entry("prerendered at build")));
  expect(await entries()).toBe(before);
});
