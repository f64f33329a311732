import { afterAll, beforeEach } from "vitest";
import { type CacheOptions, createCache } from "@/lib/cache";
import { recordingLogger } from "./logger";
import { deleteNamespace, patient, testNamespace, testRedis } from "./redis";

/**
 * A cache of the library for one file, on a random namespace of the test Redis: the namespace
 * is emptied before each test and after the last one, then the cache and its client are closed.
 */
export function cacheForFile(label: string, options: Partial<CacheOptions> = {}) {
  const redis = testRedis();
  const namespace = testNamespace(label);
  const logger = recordingLogger();
  const cache = createCache({ ...patient, redis, namespace, logger, ...options });
  beforeEach(() => deleteNamespace(redis, namespace));
  afterAll(async () => {
    await cache.close();
    await deleteNamespace(redis, namespace);
    redis.disconnect();
  });
  return { redis, namespace, logger, cache };
}
